package io.jenkins.plugins.scpuppet.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.jenkins.plugins.scpuppet.engine.CacheMiss;
import io.jenkins.plugins.scpuppet.engine.MissReason;
import io.jenkins.plugins.scpuppet.engine.ParameterChange;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskOutcome;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * The run report's miss fields: a task's {@code missReason} and {@code missDetails}, and {@code totals.missReasons}.
 * Shapes as the controller's schema demands (docs/run-report.md): details only when the reason has some, counts only
 * for reasons that occur, no {@code missReasons} at all when no task has one.
 */
final class MissJson {
    private MissJson() {}

    /** Tasks per reason, in the enum's order; only reasons with at least one task. */
    static Map<MissReason, Integer> counts(RunSummary summary) {
        Map<MissReason, Integer> counts = new EnumMap<>(MissReason.class);
        for (TaskOutcome t : summary.tasks()) {
            if (t.miss() != null) {
                counts.merge(t.miss().reason(), 1, Integer::sum);
            }
        }
        return counts;
    }

    static void writeCounts(RunSummary summary, JsonGenerator g) throws IOException {
        Map<MissReason, Integer> counts = counts(summary);
        if (counts.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart("missReasons");
        for (Map.Entry<MissReason, Integer> e : counts.entrySet()) {
            g.writeNumberField(e.getKey().name(), e.getValue());
        }
        g.writeEndObject();
    }

    static void writeTask(TaskOutcome t, JsonGenerator g) throws IOException {
        CacheMiss miss = t.miss();
        if (miss == null) {
            return;
        }
        g.writeStringField("missReason", miss.reason().name());
        boolean details = !miss.changes().isEmpty() || miss.oldImplementation() != null || miss.problem() != null;
        if (!details) {
            return;
        }
        g.writeObjectFieldStart("missDetails");
        if (!miss.changes().isEmpty()) {
            g.writeArrayFieldStart("changes");
            for (ParameterChange c : miss.changes()) {
                g.writeStartObject();
                g.writeStringField("parameter", c.parameter());
                g.writeStringField("old", c.oldValue());
                g.writeStringField("new", c.newValue());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (miss.oldImplementation() != null) {
            g.writeStringField("oldImplementation", miss.oldImplementation());
            g.writeStringField("newImplementation", miss.newImplementation());
        }
        if (miss.problem() != null) {
            g.writeStringField("problem", miss.problem());
        }
        g.writeEndObject();
    }
}
