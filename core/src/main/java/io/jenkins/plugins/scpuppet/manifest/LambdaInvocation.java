package io.jenkins.plugins.scpuppet.manifest;

import java.util.List;
import java.util.Map;

/** A {@code lambda-invocations} entry: a function invoked once per target account and region. */
public record LambdaInvocation(
        String name,
        String functionName,
        String qualifier,
        String invocationType,
        Map<String, ParameterSource> parameters,
        DeployTo invokeFor,
        List<DependsOn> dependsOn,
        Mark mark) {}
