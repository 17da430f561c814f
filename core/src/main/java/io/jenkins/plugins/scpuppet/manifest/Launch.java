package io.jenkins.plugins.scpuppet.manifest;

import java.util.List;
import java.util.Map;

/** A {@code launches} entry: a product version provisioned (or terminated) in every target account and region. */
public record Launch(
        String name,
        String portfolio,
        String product,
        String version,
        Status status,
        Execution execution,
        Map<String, ParameterSource> parameters,
        DeployTo deployTo,
        List<SsmOutput> ssmOutputs,
        List<DependsOn> dependsOn,
        Integer retryCount,
        Integer requestedPriority,
        List<ActionRef> preActions,
        List<ActionRef> postActions,
        Mark mark) {

    public enum Status {
        PROVISIONED,
        TERMINATED
    }

    /** Where provisioning runs: hub (waits), async (does not wait), spoke (the spoke's own pipeline). */
    public enum Execution {
        HUB,
        ASYNC,
        SPOKE
    }

    /** outputs.ssm entry: write a stack output to an SSM parameter after provisioning in the hub. */
    public record SsmOutput(String paramName, String stackOutput, String region) {}
}
