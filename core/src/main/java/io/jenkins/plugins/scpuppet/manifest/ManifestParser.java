package io.jenkins.plugins.scpuppet.manifest;

import io.jenkins.plugins.scpuppet.manifest.YNode.YMap;
import io.jenkins.plugins.scpuppet.manifest.YNode.YScalar;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a located YAML tree into a {@link Manifest}, checking it against schema {@code puppet-2019-04-01} and the
 * rules upstream applies in code. Every problem is collected; {@link #parse} throws once with all of them.
 */
public final class ManifestParser {
    static final Set<String> TOP = Set.of(
            "schema",
            "parameters",
            "accounts",
            "launches",
            "spoke-local-portfolios",
            "lambda-invocations",
            "actions",
            "configuration");
    /** Sections of later upstream versions: refused by name rather than silently ignored. */
    static final Set<String> LATER = Set.of(
            "stacks",
            "apps",
            "workspaces",
            "assertions",
            "code-build-runs",
            "service-control-policies",
            "tag-policies",
            "simulate-policies",
            "imported-portfolios",
            "organizational-units",
            "mappings",
            "c7n-aws-lambdas");

    private final Problems problems = new Problems();

    private ManifestParser() {}

    /** Parses and validates; warnings travel in {@link Manifest#warnings()}. */
    public static Manifest parse(YNode root) throws ManifestException {
        ManifestParser parser = new ManifestParser();
        Manifest manifest = parser.manifest(new Cursor(root, "", parser.problems));
        parser.problems.throwIfAny();
        return manifest;
    }

    private Manifest manifest(Cursor root) {
        YMap map = root.asMap();
        if (map == null) {
            return null;
        }
        for (String key : map.entries().keySet()) {
            if (LATER.contains(key)) {
                problems.error(
                        map.keyMarks().get(key),
                        key,
                        "section '" + key
                                + "' (from a later servicecatalog-puppet) is not supported yet; remove it or deploy it"
                                + " with upstream");
            }
        }
        Set<String> known = new HashSet<>(TOP);
        known.addAll(LATER);
        root.onlyKnownKeys(known);
        String schema = root.string("schema", true);
        if (schema != null && !Manifest.SCHEMA.equals(schema)) {
            root.child("schema").error("expected '" + Manifest.SCHEMA + "', got '" + schema + "'");
        }
        Map<String, ParameterSource> parameters =
                root.has("parameters") ? ParameterParser.parse(root.child("parameters")) : Map.of();
        List<Account> accounts = root.has("accounts") ? root.child("accounts").asList(AccountParser::parse) : List.of();
        Map<String, Launch> launches = items(root, "launches", LaunchParser.KEYS, LaunchParser::parse);
        Map<String, SpokeLocalPortfolio> spokeLocal =
                items(root, "spoke-local-portfolios", SpokeLocalPortfolioParser.KEYS, SpokeLocalPortfolioParser::parse);
        Map<String, LambdaInvocation> lambdas =
                items(root, "lambda-invocations", LambdaInvocationParser.KEYS, LambdaInvocationParser::parse);
        Map<String, Action> actions = items(root, "actions", ActionParser.KEYS, ActionParser::parse);
        Integer retryCount = null;
        if (root.has("configuration")) {
            Cursor c = root.child("configuration");
            c.onlyKnownKeys(Set.of("retry_count"));
            retryCount = c.node instanceof YMap ? c.integer("retry_count", 1, 100) : null;
        }
        Manifest manifest = new Manifest(
                schema, parameters, accounts, launches, spokeLocal, lambdas, actions, retryCount, List.of());
        new ManifestRules(manifest, problems).check();
        return new Manifest(
                schema, parameters, accounts, launches, spokeLocal, lambdas, actions, retryCount, problems.warnings());
    }

    private <T> Map<String, T> items(Cursor root, String key, Set<String> known, ItemParser<T> parser) {
        Map<String, T> out = new LinkedHashMap<>();
        if (root.has(key)) {
            Cursor section = root.child(key);
            if (section.node instanceof YScalar s && s.kind() == YNode.Kind.NULL) {
                return out;
            }
            section.forEachEntry((name, c) -> {
                if (c.onlyKnownKeys(known)) {
                    T item = parser.parse(name, c);
                    if (item != null) {
                        out.put(name, item);
                    }
                }
            });
        }
        return out;
    }

    /** Parses one named item of a section. */
    @FunctionalInterface
    private interface ItemParser<T> {
        T parse(String name, Cursor c);
    }
}
