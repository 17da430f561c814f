package io.jenkins.plugins.scpuppet.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jenkins.plugins.scpuppet.agentreport.MissReason;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The build card's top cache-miss reasons (issue #22): tasks per reason summed over every puppetDeploy call, most
 * first, ties in the schema's order. Only reason names and counts, never a parameter value.
 */
record TopReasons(List<Entry> entries) {
    /** How many reasons the card shows. */
    static final int SHOWN = 3;

    /** One reason and how many tasks of the build it sent to run. */
    record Entry(String reason, long tasks) {}

    static TopReasons of(List<DeploySection> sections, int limit) {
        Map<String, Long> sums = new TreeMap<>();
        for (DeploySection s : sections) {
            s.getMissReasons().forEach((reason, n) -> sums.merge(reason, (long) n, Long::sum));
        }
        return new TopReasons(sums.entrySet().stream()
                .map(e -> new Entry(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(Entry::tasks)
                        .reversed()
                        .thenComparingInt(e -> schemaOrder(e.reason())))
                .limit(limit)
                .toList());
    }

    /** A name from an older or newer plugin sorts after the known ones (build.xml outlives the enum). */
    private static int schemaOrder(String reason) {
        for (MissReason r : MissReason.values()) {
            if (r.name().equals(reason)) {
                return r.ordinal();
            }
        }
        return Integer.MAX_VALUE;
    }

    ArrayNode toJson(ObjectMapper json) {
        ArrayNode top = json.createArrayNode();
        entries.forEach(e -> top.addObject().put("reason", e.reason()).put("tasks", e.tasks()));
        return top;
    }
}
