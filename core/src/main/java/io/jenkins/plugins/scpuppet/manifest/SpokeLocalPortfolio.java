package io.jenkins.plugins.scpuppet.manifest;

import java.util.List;

/** A {@code spoke-local-portfolios} entry: a portfolio created in each target and filled from the hub's. */
public record SpokeLocalPortfolio(
        String name,
        String portfolio,
        DeployTo deployTo,
        List<String> associations,
        List<LaunchConstraint> launchConstraints,
        GenerationMethod productGenerationMethod,
        Status status,
        List<DependsOn> dependsOn,
        Mark mark) {

    public enum GenerationMethod {
        COPY,
        IMPORT
    }

    public enum Status {
        SHARED,
        TERMINATED
    }

    /** constraints.launch entry: a role for one product, or for every product matching a regex. */
    public record LaunchConstraint(String product, String products, List<String> roles) {}
}
