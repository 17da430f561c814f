package io.jenkins.plugins.scpuppet.manifest;

import java.util.List;
import java.util.Map;

/** A parsed and validated manifest, sibling folders and properties already merged. Items keep manifest order. */
public record Manifest(
        String schema,
        Map<String, ParameterSource> parameters,
        List<Account> accounts,
        Map<String, Launch> launches,
        Map<String, SpokeLocalPortfolio> spokeLocalPortfolios,
        Map<String, LambdaInvocation> lambdaInvocations,
        Map<String, Action> actions,
        Integer configurationRetryCount,
        List<Problem> warnings) {

    public static final String SCHEMA = "puppet-2019-04-01";
}
