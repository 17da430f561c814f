package io.jenkins.plugins.scpuppet.manifest;

import java.util.List;

/**
 * What expansion needs beyond the manifest.
 *
 * @param allRegions the config's {@code regions}, used by {@code regions: all}
 */
public record ExpansionOptions(String puppetAccountId, String homeRegion, List<String> allRegions) {
    public ExpansionOptions {
        allRegions = List.copyOf(allRegions);
    }
}
