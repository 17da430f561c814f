package io.jenkins.plugins.scpuppet.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The workspace cache folder; the same option, with the same default, wherever a command reads or writes it. */
final class CacheDirOption {
    @Option(
            names = "--cache-dir",
            defaultValue = ".puppet-cache",
            description = "The local cache folder, holding output/ (default: ${DEFAULT-VALUE}).")
    Path cacheDir;
}
