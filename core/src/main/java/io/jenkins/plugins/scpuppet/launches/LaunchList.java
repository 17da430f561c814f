package io.jenkins.plugins.scpuppet.launches;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Upstream's list-launches: every launch in every account and region with its expected and actual version, from a
 * dry run's provision results. The CLI prints it as a table or JSON; {@code puppetListLaunches} returns it as maps.
 */
public final class LaunchList {
    /** The CLI's table columns and JSON fields, in its order. */
    public static final List<String> TABLE_HEADING = List.of(
            "account_id",
            "region",
            "launch",
            "portfolio",
            "product",
            "expected_version",
            "actual_version",
            "active",
            "status");

    /** The table's columns plus the provisioned product's id ("" when nothing is provisioned): the maps' keys. */
    public static final List<String> FIELDS = concat(TABLE_HEADING, "provisioned_product_id");

    private LaunchList() {}

    /**
     * One row per launch target, cells in {@link #FIELDS}' order; active is "True" or "False", as upstream's table
     * prints it.
     */
    public static List<List<String>> rows(DryRunResults results) {
        List<List<String>> rows = new ArrayList<>();
        for (DryRunResults.Row r : results.provisions()) {
            rows.add(List.of(
                    r.param("account_id"),
                    r.param("region"),
                    r.param("launch_name"),
                    r.param("portfolio"),
                    r.param("product"),
                    r.field("new_version"),
                    r.field("current_version"),
                    r.result().path("active").asBoolean(false) ? "True" : "False",
                    r.field("current_status"),
                    r.field("provisioned_product_id")));
        }
        return rows;
    }

    /** Upstream's table: the rows without the provisioned product id. */
    public static String render(List<List<String>> rows) {
        return AsciiTable.render(
                TABLE_HEADING,
                rows.stream().map(r -> r.subList(0, TABLE_HEADING.size())).toList());
    }

    /** Each row as a map from {@link #FIELDS} to cell. */
    public static List<Map<String, String>> maps(List<List<String>> rows) {
        return DryRunTable.asMaps(FIELDS, rows);
    }

    private static List<String> concat(List<String> head, String last) {
        List<String> all = new ArrayList<>(head);
        all.add(last);
        return List.copyOf(all);
    }
}
