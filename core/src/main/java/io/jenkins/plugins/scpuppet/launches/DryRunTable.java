package io.jenkins.plugins.scpuppet.launches;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstream's dry-run table: one row per launch a deploy would terminate or provision, terminations first. The CLI's
 * {@code dry-run} prints it; {@code puppetDeploy(dryRun: true)} prints it and returns its rows.
 */
public final class DryRunTable {
    /** Upstream's columns, in its order; also the keys of {@link #maps}. */
    public static final List<String> HEADING =
            List.of("Result", "Launch", "Account", "Region", "Current Version", "New Version", "Notes");

    private DryRunTable() {}

    /** The rows, each cell in {@link #HEADING}'s order. */
    public static List<List<String>> rows(DryRunResults results) {
        List<List<String>> rows = new ArrayList<>();
        for (List<DryRunResults.Row> group : List.of(results.terminations(), results.provisions())) {
            for (DryRunResults.Row r : group) {
                rows.add(List.of(
                        r.field("effect"),
                        r.param("launch_name"),
                        r.param("account_id"),
                        r.param("region"),
                        r.field("current_version"),
                        r.field("new_version"),
                        r.field("notes")));
            }
        }
        return rows;
    }

    /** What upstream prints: a "Results" line, then the table. */
    public static String render(List<List<String>> rows) {
        return "Results\n" + AsciiTable.render(HEADING, rows);
    }

    /** Each row as a map from column name to cell. */
    public static List<Map<String, String>> maps(List<List<String>> rows) {
        return asMaps(HEADING, rows);
    }

    static List<Map<String, String>> asMaps(List<String> heading, List<List<String>> rows) {
        List<Map<String, String>> out = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < heading.size(); i++) {
                m.put(heading.get(i), i < row.size() ? row.get(i) : "");
            }
            out.add(m);
        }
        return out;
    }
}
