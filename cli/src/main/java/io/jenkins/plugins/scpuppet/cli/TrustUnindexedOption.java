package io.jenkins.plugins.scpuppet.cli;

import picocli.CommandLine.Option;

/** The opt-in that migrates a cache without a signed index; the same option on every command that restores. */
final class TrustUnindexedOption {
    @Option(
            names = "--trust-unindexed",
            description = "Restore a bucket that has no signed index (written by aws s3 sync or an older version) as"
                    + " it is, each target verified when read; an index whose MAC fails is refused anyway.")
    boolean trusted;
}
