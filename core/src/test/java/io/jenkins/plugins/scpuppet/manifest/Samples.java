package io.jenkins.plugins.scpuppet.manifest;

import java.nio.file.Path;

/** Paths to the shared sample manifests in the repository's test-resources folder. */
final class Samples {
    static final Path ROOT =
            Path.of("..", "test-resources", "manifests").toAbsolutePath().normalize();
    static final Path DEMO = ROOT.resolve("demo/manifest.yaml");
    static final Path INVALID = ROOT.resolve("invalid");
    static final String PUPPET = "111111111111";
    static final ExpansionOptions OPTIONS =
            new ExpansionOptions(PUPPET, "eu-west-1", java.util.List.of("eu-west-1", "eu-west-2"));

    private Samples() {}
}
