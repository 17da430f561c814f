package io.jenkins.plugins.scpuppet.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A statement's Condition block, evaluated as IAM does for single-valued keys (IAM User Guide, "Condition operators").
 * The stand-in knows a few keys and operators; anything else makes the block UNKNOWN, which the evaluator treats as
 * failing closed: an Allow with it does not apply, a Deny with it does.
 */
final class Conditions {
    /** The keys the stand-in can put in a request context (matched case-insensitively, as IAM matches key names). */
    static final Set<String> KNOWN_KEYS = Set.of(
            "aws:principalarn",
            "aws:principalaccount",
            "aws:sourceidentity",
            "aws:requestedregion",
            "sts:sourceidentity",
            "sts:rolesessionname");

    enum Result {
        MATCH,
        NO_MATCH,
        UNKNOWN
    }

    private Conditions() {}

    /** Every operator and every key must match (AND); any one of a key's values may (OR). */
    static Result evaluate(JsonNode condition, Map<String, String> context) {
        if (condition == null || condition.isNull() || condition.isEmpty()) {
            return Result.MATCH;
        }
        Result all = Result.MATCH;
        for (Iterator<Map.Entry<String, JsonNode>> ops = condition.fields(); ops.hasNext(); ) {
            Map.Entry<String, JsonNode> op = ops.next();
            for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                all = and(all, one(op.getKey(), key.getKey(), values(key.getValue()), context));
            }
        }
        return all;
    }

    private static Result and(Result a, Result b) {
        if (a == Result.NO_MATCH || b == Result.NO_MATCH) {
            return Result.NO_MATCH;
        }
        return a == Result.UNKNOWN || b == Result.UNKNOWN ? Result.UNKNOWN : Result.MATCH;
    }

    private static List<String> values(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(v -> out.add(v.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }

    private static Result one(String operator, String key, List<String> wanted, Map<String, String> context) {
        String k = key.toLowerCase(Locale.ROOT);
        if (!KNOWN_KEYS.contains(k) || operator.contains(":")) { // ForAnyValue:/ForAllValues: are not modelled
            return Result.UNKNOWN;
        }
        String actual = null;
        for (Map.Entry<String, String> e : context.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(k)) {
                actual = e.getValue();
            }
        }
        if (operator.equals("Null")) {
            boolean wantAbsent = wanted.stream().anyMatch(v -> v.equalsIgnoreCase("true"));
            return (actual == null) == wantAbsent ? Result.MATCH : Result.NO_MATCH;
        }
        boolean ifExists = operator.endsWith("IfExists");
        String base = ifExists ? operator.substring(0, operator.length() - "IfExists".length()) : operator;
        boolean negated = base.contains("Not");
        String positive = base.replace("Not", "");
        if (!Set.of("StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike", "Bool")
                .contains(positive)) {
            return Result.UNKNOWN;
        }
        if (actual == null) {
            // A missing key matches nothing: positive operators fail, negated ones hold; ...IfExists holds.
            return ifExists || negated ? Result.MATCH : Result.NO_MATCH;
        }
        String value = actual;
        boolean any = wanted.stream().anyMatch(w -> switch (positive) {
            case "StringEquals" -> w.equals(value);
            case "StringEqualsIgnoreCase", "Bool" -> w.equalsIgnoreCase(value);
            case "StringLike" -> Wildcards.matches(w, value, false);
            default -> Wildcards.arnLike(w, value); // ArnEquals behaves as ArnLike in IAM
        });
        return any != negated ? Result.MATCH : Result.NO_MATCH;
    }
}
