package io.jenkins.plugins.scpuppet.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudFormation's intrinsic functions, as far as the IAM properties of the templates this project generates use them:
 * Ref (pseudo parameters, template parameters, resources), Fn::GetAtt, Fn::Sub, Fn::Join, Fn::If with the Conditions
 * section (Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition) and AWS::NoValue. Any other function is refused as CloudFormation
 * refuses a template it cannot process, so a template the stand-in cannot read never passes for one it can.
 */
final class Intrinsics {
    private static final JsonNodeFactory J = JsonNodeFactory.instance;
    private static final Pattern SUB = Pattern.compile("\\$\\{(!?)([^}]*)}");

    private final Map<String, String> refs;
    private final BiFunction<String, String, String> attributes;
    private final JsonNode conditions;

    /**
     * @param refs what Ref answers: pseudo parameters, template parameters, resources' physical ids
     * @param attributes what Fn::GetAtt answers for (logical id, attribute), or null when unknown
     */
    Intrinsics(Map<String, String> refs, BiFunction<String, String, String> attributes, JsonNode conditions) {
        this.refs = refs;
        this.attributes = attributes;
        this.conditions = conditions == null ? J.objectNode() : conditions;
    }

    /** The node with every function replaced by its value; null for AWS::NoValue. */
    JsonNode resolve(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isArray()) {
            ArrayNode out = J.arrayNode();
            node.forEach(n -> {
                JsonNode r = resolve(n);
                if (r != null) {
                    out.add(r);
                }
            });
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        if (node.size() == 1) {
            String name = node.fieldNames().next();
            if (name.equals("Ref") || name.startsWith("Fn::") || name.equals("Condition")) {
                return function(name, node.get(name));
            }
        }
        ObjectNode out = J.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode r = resolve(e.getValue());
            if (r != null) {
                out.set(e.getKey(), r);
            }
        }
        return out;
    }

    /** A resolved scalar as text (a property such as RoleName or RoleArn). */
    String text(JsonNode node) {
        JsonNode r = resolve(node);
        return r == null || r.isNull() ? null : r.asText();
    }

    private JsonNode function(String name, JsonNode arg) {
        return switch (name) {
            case "Ref" -> ref(arg.asText());
            case "Fn::GetAtt" -> {
                String[] parts = arg.isArray()
                        ? new String[] {arg.path(0).asText(), arg.path(1).asText()}
                        : arg.asText().split("\\.", 2);
                yield J.textNode(attribute(parts[0], parts.length > 1 ? parts[1] : ""));
            }
            case "Fn::Sub" -> J.textNode(sub(arg));
            case "Fn::Join" -> {
                StringBuilder s = new StringBuilder();
                JsonNode items = resolve(arg.path(1));
                for (int i = 0; i < items.size(); i++) {
                    s.append(i == 0 ? "" : arg.path(0).asText())
                            .append(items.get(i).asText());
                }
                yield J.textNode(s.toString());
            }
            case "Fn::If" -> condition(arg.path(0).asText()) ? resolve(arg.path(1)) : resolve(arg.path(2));
            case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or", "Condition" -> J.booleanNode(test(name, arg));
            default -> throw unsupported(name);
        };
    }

    private JsonNode ref(String name) {
        if (name.equals("AWS::NoValue")) {
            return null;
        }
        String v = refs.get(name);
        if (v == null) {
            throw new AwsError(
                    "ValidationError",
                    "Template format error: Unresolved resource dependencies [" + name
                            + "] in the Resources block of the template");
        }
        return J.textNode(v);
    }

    private String attribute(String logicalId, String attribute) {
        String v = attributes.apply(logicalId, attribute);
        if (v == null) {
            throw new AwsError(
                    "ValidationError",
                    "Template error: the stand-in cannot resolve Fn::GetAtt " + logicalId + "." + attribute);
        }
        return v;
    }

    private String sub(JsonNode arg) {
        String template = arg.isArray() ? arg.path(0).asText() : arg.asText();
        JsonNode vars = arg.isArray() ? arg.path(1) : J.objectNode();
        Matcher m = SUB.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String var = m.group(2);
            String value;
            if (!m.group(1).isEmpty()) {
                value = "${" + var + "}"; // ${!Literal} stands for itself
            } else if (vars.has(var)) {
                value = text(vars.get(var));
            } else if (var.contains(".") && !refs.containsKey(var)) {
                value = attribute(var.substring(0, var.indexOf('.')), var.substring(var.indexOf('.') + 1));
            } else {
                value = ref(var).asText();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private boolean condition(String name) {
        JsonNode c = conditions.get(name);
        if (c == null) {
            throw new AwsError("ValidationError", "Template format error: Unresolved condition " + name);
        }
        JsonNode r = resolve(c);
        return r != null && r.asBoolean();
    }

    private boolean test(String name, JsonNode arg) {
        return switch (name) {
            case "Condition" -> condition(arg.asText());
            case "Fn::Equals" -> text(arg.path(0)).equals(text(arg.path(1)));
            case "Fn::Not" -> !resolve(arg.path(0)).asBoolean();
            case "Fn::And" -> {
                boolean all = true;
                for (JsonNode c : arg) {
                    all &= resolve(c).asBoolean();
                }
                yield all;
            }
            default -> { // Fn::Or
                boolean any = false;
                for (JsonNode c : arg) {
                    any |= resolve(c).asBoolean();
                }
                yield any;
            }
        };
    }

    private static AwsError unsupported(String name) {
        return new AwsError("ValidationError", "Template format error: the stand-in does not implement " + name);
    }
}
