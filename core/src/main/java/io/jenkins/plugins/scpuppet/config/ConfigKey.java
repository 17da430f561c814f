package io.jenkins.plugins.scpuppet.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The settings of upstream's {@code /servicecatalog-puppet/config} document this tool reads, with upstream's defaults.
 * Booleans are written as upstream writes them (True/False); {@code regions} is a list.
 */
public enum ConfigKey {
    REGIONS("regions", Kind.LIST, null),
    SHOULD_COLLECT_CLOUDFORMATION_EVENTS("should_collect_cloudformation_events", Kind.BOOLEAN, true),
    SHOULD_FORWARD_EVENTS_TO_EVENTBRIDGE("should_forward_events_to_eventbridge", Kind.BOOLEAN, false),
    SHOULD_FORWARD_FAILURES_TO_OPSCENTER("should_forward_failures_to_opscenter", Kind.BOOLEAN, false),
    SHOULD_USE_PRODUCT_PLANS("should_use_product_plans", Kind.BOOLEAN, true),
    IS_CACHING_ENABLED("is_caching_enabled", Kind.BOOLEAN, false),
    /**
     * This tool's own key (upstream has none): what the PuppetRoles were bootstrapped with. In least-privilege,
     * deploy refuses launches that have no launch-role constraint.
     */
    PUPPET_ROLE_PERMISSIONS(
            "puppet_role_permissions", Kind.CHOICE, "administrator", List.of("administrator", "least-privilege")),
    /**
     * Upstream's name (a string there too). Unlike upstream, regional is the default: roles are assumed through the
     * home region's STS endpoint, the global one only with legacy.
     */
    AWS_STS_REGIONAL_ENDPOINTS("aws_sts_regional_endpoints", Kind.CHOICE, "regional", List.of("regional", "legacy"));

    /** Value shapes. */
    public enum Kind {
        BOOLEAN,
        LIST,
        /** one of a fixed set of words */
        CHOICE
    }

    private final String yamlName;
    private final Kind kind;
    private final Object defaultValue;
    private final List<String> choices;

    ConfigKey(String yamlName, Kind kind, Object defaultValue) {
        this(yamlName, kind, defaultValue, List.of());
    }

    ConfigKey(String yamlName, Kind kind, Object defaultValue, List<String> choices) {
        this.yamlName = yamlName;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.choices = choices;
    }

    /** The words a CHOICE key takes; empty for other kinds. */
    public List<String> choices() {
        return choices;
    }

    public String yamlName() {
        return yamlName;
    }

    public Kind kind() {
        return kind;
    }

    public Object defaultValue() {
        return defaultValue;
    }

    public static ConfigKey named(String name) throws ConfigException {
        for (ConfigKey k : values()) {
            if (k.yamlName.equals(name)) {
                return k;
            }
        }
        throw new ConfigException("unknown config name '" + name + "'; known names: " + String.join(", ", names()));
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(ConfigKey::yamlName).toList();
    }

    /**
     * Parses a command-line value: booleans are True or False (any case), regions a comma-separated list, choices one
     * of their words (any case).
     */
    public Object parse(String value) throws ConfigException {
        if (kind == Kind.CHOICE) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            if (!choices.contains(v)) {
                throw new ConfigException(
                        yamlName + " takes " + String.join(" or ", choices) + ", got '" + value + "'");
            }
            return v;
        }
        if (kind == Kind.LIST) {
            List<String> items = Arrays.stream(value.split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toList();
            for (String r : items) {
                if (!r.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
                    throw new ConfigException(yamlName + ": '" + r + "' is not a region name such as eu-west-1");
                }
            }
            if (items.isEmpty()) {
                throw new ConfigException(yamlName + " needs at least one region, e.g. eu-west-1,us-east-1");
            }
            return items;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("true")) {
            return true;
        }
        if (v.equals("false")) {
            return false;
        }
        throw new ConfigException(yamlName + " takes True or False, got '" + value + "'");
    }
}
