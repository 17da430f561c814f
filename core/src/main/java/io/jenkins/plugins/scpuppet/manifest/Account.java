package io.jenkins.plugins.scpuppet.manifest;

import java.util.List;
import java.util.Map;

/**
 * An {@code accounts} entry as written: exactly one of accountId or ou is set.
 *
 * @param append tags and regions_enabled to add when the same account appears again
 * @param overwrite tags, regions_enabled and default_region to replace when the same account appears again
 */
public record Account(
        String accountId,
        String ou,
        String name,
        String email,
        String defaultRegion,
        List<String> regionsEnabled,
        List<String> tags,
        Map<String, ParameterSource> parameters,
        List<String> excludeAccounts,
        List<String> excludeOus,
        Changes append,
        Changes overwrite,
        String path,
        Mark mark) {

    /** The body of an append or overwrite block. */
    public record Changes(List<String> tags, List<String> regionsEnabled, String defaultRegion) {}
}
