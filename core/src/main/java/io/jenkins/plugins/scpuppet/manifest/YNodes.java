package io.jenkins.plugins.scpuppet.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;

/** Located YAML nodes as plain Jackson values, keeping each scalar's YAML type. */
final class YNodes {
    private static final JsonNodeFactory J = JsonNodeFactory.instance;
    /** The spellings of true in YAML 1.1, which the reader resolves as booleans. */
    private static final Set<String> TRUE = Set.of("true", "yes", "y", "on");

    private YNodes() {}

    static JsonNode toJson(YNode node) {
        if (node instanceof YNode.YMap map) {
            ObjectNode out = J.objectNode();
            map.entries().forEach((k, v) -> out.set(k, toJson(v)));
            return out;
        }
        if (node instanceof YNode.YList list) {
            ArrayNode out = J.arrayNode();
            list.items().forEach(i -> out.add(toJson(i)));
            return out;
        }
        YNode.YScalar s = (YNode.YScalar) node;
        return switch (s.kind()) {
            case NULL -> J.nullNode();
            case BOOL -> J.booleanNode(TRUE.contains(s.text().toLowerCase(Locale.ROOT)));
            case INT -> integer(s.text());
            case FLOAT -> decimal(s.text());
            case STRING -> J.textNode(s.text());
        };
    }

    private static JsonNode decimal(String text) {
        try {
            return J.numberNode(new BigDecimal(text.replace("_", "")));
        } catch (NumberFormatException e) {
            return J.textNode(text); // .inf, .nan: kept as written
        }
    }

    private static JsonNode integer(String text) {
        try {
            return J.numberNode(new BigInteger(text.replace("_", "")));
        } catch (NumberFormatException e) {
            return J.textNode(text); // 0x1F, 0o17 and the like: kept as written
        }
    }
}
