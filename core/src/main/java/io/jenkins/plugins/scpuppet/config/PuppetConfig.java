package io.jenkins.plugins.scpuppet.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The config document, read at the start of every deploy (unlike upstream 0.84, where is_caching_enabled took effect
 * only after a re-bootstrap). Keys this tool does not know are kept as they are when the document is rewritten.
 */
public final class PuppetConfig {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());
    private final ObjectNode doc;

    private PuppetConfig(ObjectNode doc) {
        this.doc = doc;
    }

    public static PuppetConfig parse(String yaml, String where) throws ConfigException {
        if (yaml == null || yaml.isBlank()) {
            return new PuppetConfig(YAML.createObjectNode());
        }
        try {
            JsonNode node = YAML.readTree(yaml);
            if (node == null || node.isNull()) {
                return new PuppetConfig(YAML.createObjectNode());
            }
            if (!node.isObject()) {
                throw new ConfigException(where + " is not a YAML map of settings");
            }
            return new PuppetConfig((ObjectNode) node);
        } catch (IOException e) {
            throw new ConfigException(where + " is not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    public static PuppetConfig load(ConfigStore store) throws ConfigException, IOException {
        return parse(store.read(), store.describe());
    }

    /** The value, or upstream's default; a stored value of the wrong type is an error naming the key. */
    public Object get(ConfigKey key) throws ConfigException {
        JsonNode v = doc.get(key.yamlName());
        if (v == null || v.isNull()) {
            return key.defaultValue();
        }
        if (key.kind() == ConfigKey.Kind.LIST) {
            if (!v.isArray()) {
                throw new ConfigException(key.yamlName() + " in the config must be a list of regions");
            }
            List<String> out = new ArrayList<>();
            v.forEach(i -> out.add(i.asText()));
            return out;
        }
        if (v.isBoolean() && key.kind() == ConfigKey.Kind.BOOLEAN) {
            return v.booleanValue();
        }
        return key.parse(v.asText());
    }

    public boolean flag(ConfigKey key) throws ConfigException {
        return (Boolean) get(key);
    }

    /** The word a choice setting holds, or its default. */
    public String choice(ConfigKey key) throws ConfigException {
        return (String) get(key);
    }

    @SuppressWarnings("unchecked")
    public List<String> regions() throws ConfigException {
        Object v = get(ConfigKey.REGIONS);
        return v == null ? List.of() : (List<String>) v;
    }

    public PuppetConfig with(ConfigKey key, Object value) {
        ObjectNode copy = doc.deepCopy();
        if (value instanceof List<?> list) {
            var array = copy.putArray(key.yamlName());
            list.forEach(i -> array.add(String.valueOf(i)));
        } else if (value instanceof String word) {
            copy.put(key.yamlName(), word);
        } else {
            copy.put(key.yamlName(), (Boolean) value);
        }
        return new PuppetConfig(copy);
    }

    /** Every known setting with its effective value. */
    public Map<String, Object> effective() throws ConfigException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ConfigKey k : ConfigKey.values()) {
            out.put(k.yamlName(), get(k));
        }
        return out;
    }

    public String toYaml() {
        try {
            return YAML.writeValueAsString(doc);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Read-modify-write of one setting, as upstream's set-config-value. */
    public static PuppetConfig setValue(ConfigStore store, String name, String value)
            throws ConfigException, IOException {
        ConfigKey key = ConfigKey.named(name);
        PuppetConfig updated = load(store).with(key, key.parse(value));
        store.write(updated.toYaml());
        return updated;
    }
}
