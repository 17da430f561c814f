package io.jenkins.plugins.scpuppet.manifest;

import java.util.List;
import java.util.Map;

/** An account after OU resolution and append/overwrite merging. */
public record ExpandedAccount(
        String accountId,
        String name,
        String email,
        String defaultRegion,
        List<String> regionsEnabled,
        List<String> tags,
        Map<String, ParameterSource> parameters,
        String expandedFrom,
        String organization) {}
