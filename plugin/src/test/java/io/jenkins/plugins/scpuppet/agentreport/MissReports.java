package io.jenkins.plugins.scpuppet.agentreport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Run reports with the miss-reason fields of issue #22, made by hand on top of {@link SampleReports} until core's
 * writer writes them: each reason with the details the schema gives it.
 */
public final class MissReports {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MissReports() {}

    /**
     * A report (cached, executed, executed, failed, skipped; the first three cacheable) whose two cacheable executed
     * tasks carry reasons: task 1 changed parameters (one added, one masked, one changed), task 2 had no target.
     */
    public static ObjectNode twoReasons() {
        ObjectNode report = tree(SampleReports.report(2, 1, 1, 1, 3, 40));
        ObjectNode changed = task(report, 1).put("missReason", "PARAMETERS_CHANGED");
        ArrayNode changes = changed.putObject("missDetails").putArray("changes");
        changes.addObject().put("parameter", "added").putNull("old").put("new", "{\"a\":1}");
        changes.addObject().put("parameter", "password").put("old", "***").put("new", "***");
        changes.addObject().put("parameter", "version").put("old", "v1").put("new", "v2");
        task(report, 2).put("missReason", "NO_TARGET");
        ((ObjectNode) report.path("totals"))
                .putObject("missReasons")
                .put("NO_TARGET", 1)
                .put("PARAMETERS_CHANGED", 1);
        return report;
    }

    /** A run of cacheable executed tasks only, with these many tasks per reason (in the map's order). */
    public static String report(Map<MissReason, Integer> counts) {
        int n = counts.values().stream().mapToInt(Integer::intValue).sum();
        ObjectNode report = tree(SampleReports.report(n, 0, 0, 0, n, 0));
        ObjectNode totals = ((ObjectNode) report.path("totals")).putObject("missReasons");
        int i = 0;
        for (MissReason reason : MissReason.values()) {
            for (int k = 0; k < counts.getOrDefault(reason, 0); k++) {
                withDetails(task(report, i++), reason);
            }
            if (counts.getOrDefault(reason, 0) > 0) {
                totals.put(reason.name(), counts.get(reason));
            }
        }
        return report.toString();
    }

    /** Sets {@code reason} on the task with the details the schema requires for it. */
    public static ObjectNode withDetails(ObjectNode task, MissReason reason) {
        task.put("missReason", reason.name());
        switch (reason) {
            case PARAMETERS_CHANGED -> task.putObject("missDetails")
                    .putArray("changes")
                    .addObject()
                    .put("parameter", "version")
                    .put("old", "v1")
                    .put("new", "v2");
            case IMPLEMENTATION_CHANGED -> task.putObject("missDetails")
                    .put("oldImplementation", "3")
                    .put("newImplementation", "4");
            case TARGET_INVALID -> task.putObject("missDetails").put("problem", "not valid JSON (truncated or corrupt)");
            case FORCED -> task.putObject("missDetails").put("problem", "--force");
            default -> {}
        }
        return task;
    }

    public static ObjectNode task(ObjectNode report, int i) {
        return (ObjectNode) report.path("tasks").get(i);
    }

    private static ObjectNode tree(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
