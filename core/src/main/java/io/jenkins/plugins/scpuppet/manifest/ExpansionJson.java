package io.jenkins.plugins.scpuppet.manifest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** The {@code expand} view: accounts resolved and every item's targets, as JSON. */
public final class ExpansionJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExpansionJson() {}

    public static ObjectNode of(ExpandedManifest e) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("schema", e.manifest().schema());
        doc.put("puppet_account_id", e.options().puppetAccountId());
        doc.put("home_region", e.options().homeRegion());
        doc.set("accounts", accounts(e));
        targets(doc.putObject("launches"), e.launchTargets());
        targets(doc.putObject("spoke-local-portfolios"), e.spokeLocalPortfolioTargets());
        targets(doc.putObject("lambda-invocations"), e.lambdaTargets());
        ArrayNode warnings = doc.putArray("warnings");
        e.warnings().forEach(w -> warnings.add(w.toString()));
        return doc;
    }

    /** The expanded accounts as upstream's expanded manifest lists them (ou entries replaced by their accounts). */
    static ArrayNode accounts(ExpandedManifest e) {
        ArrayNode accounts = JSON.createArrayNode();
        for (ExpandedAccount a : e.accounts()) {
            ObjectNode n = accounts.addObject();
            n.put("account_id", a.accountId());
            putIfSet(n, "name", a.name());
            putIfSet(n, "default_region", a.defaultRegion());
            a.regionsEnabled().forEach(n.withArray("regions_enabled")::add);
            a.tags().forEach(n.withArray("tags")::add);
            putIfSet(n, "expanded_from", a.expandedFrom());
            putIfSet(n, "organization", a.organization());
        }
        return accounts;
    }

    private static void targets(ObjectNode section, Map<String, List<Target>> byItem) {
        byItem.forEach((name, targets) -> {
            ArrayNode list = section.putArray(name);
            for (Target t : targets) {
                ObjectNode n = list.addObject().put("account_id", t.accountId()).put("region", t.region());
                ObjectNode params = n.putObject("parameters");
                t.parameters().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .forEach(p -> params.put(p.getKey(), describe(p.getValue(), t)));
            }
        });
    }

    private static String describe(ParameterSource p, Target t) {
        if (p instanceof ParameterSource.Default d) {
            return d.value();
        }
        if (p instanceof ParameterSource.Ssm s) {
            return "ssm:" + Placeholders.fill(s.name(), t.accountId(), t.region())
                    + (s.region() == null ? "" : "@" + s.region());
        }
        ParameterSource.Macro m = (ParameterSource.Macro) p;
        return "macro:" + m.method() + "(" + m.args() + ")";
    }

    private static void putIfSet(ObjectNode n, String key, String value) {
        if (value != null) {
            n.put(key, value);
        }
    }
}
