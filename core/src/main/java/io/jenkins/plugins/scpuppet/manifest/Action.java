package io.jenkins.plugins.scpuppet.manifest;

import java.util.Map;

/** An {@code actions} entry: a CodeBuild project run before or after a launch. */
public record Action(
        String name,
        String type,
        String projectName,
        String accountId,
        String region,
        Map<String, ParameterSource> parameters,
        Mark mark) {}
