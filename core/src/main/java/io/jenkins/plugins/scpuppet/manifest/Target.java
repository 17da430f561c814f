package io.jenkins.plugins.scpuppet.manifest;

import java.util.Map;

/** One (account, region) an item deploys to, with its parameters merged manifest, then item, then account. */
public record Target(String accountId, String region, Map<String, ParameterSource> parameters) {}
