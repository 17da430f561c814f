package io.jenkins.plugins.scpuppet.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;

/**
 * The manifest a spoke's own puppet run reads (execution: spoke): upstream's expanded manifest, that is the merged
 * manifest with its accounts replaced by the expanded list (ou entries resolved to accounts) and each launch's
 * version as the properties files set it, as YAML.
 */
public final class SpokeManifest {
    private static final YAMLMapper YAML = new YAMLMapper();

    private SpokeManifest() {}

    public static byte[] yaml(JsonNode document, ExpandedManifest expanded) {
        ObjectNode doc = document.deepCopy();
        doc.set("accounts", ExpansionJson.accounts(expanded));
        JsonNode launches = doc.path("launches");
        expanded.manifest().launches().forEach((name, launch) -> {
            if (launches.path(name) instanceof ObjectNode item && launch.version() != null) {
                item.put("version", launch.version());
            }
        });
        try {
            return YAML.writeValueAsString(doc).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest document is always writable as YAML", e);
        }
    }
}
