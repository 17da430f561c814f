package io.jenkins.plugins.scpuppet.agentreport;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scpuppet.engine.CacheMiss;
import io.jenkins.plugins.scpuppet.engine.ParameterChange;
import io.jenkins.plugins.scpuppet.engine.RunOutcome;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskKey;
import io.jenkins.plugins.scpuppet.engine.TaskOutcome;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import io.jenkins.plugins.scpuppet.report.RunReportWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A report with every miss reason, as core's RunReportWriter writes it, passes the controller's schema intact. */
class CoreMissReportCompatTest {
    private static final long STARTED = 1_764_072_000_000L;

    private static TaskOutcome task(String name, TaskStatus status, CacheMiss miss) {
        return new TaskOutcome(
                TaskKey.of("Share", Map.of("name", name)),
                true,
                status,
                1,
                5,
                STARTED,
                status == TaskStatus.FAILED ? "Boom" : null,
                status == TaskStatus.FAILED ? "it broke" : null,
                status == TaskStatus.EXECUTED ? "output/Share/name=" + name + ".json" : null,
                null,
                List.of(),
                0,
                miss,
                List.of());
    }

    private static String written() throws Exception {
        List<TaskOutcome> tasks = new ArrayList<>();
        tasks.add(task("a", TaskStatus.EXECUTED, CacheMiss.NO_TARGET));
        tasks.add(task("b", TaskStatus.EXECUTED, CacheMiss.CACHING_DISABLED));
        tasks.add(task(
                "c",
                TaskStatus.EXECUTED,
                CacheMiss.parametersChanged(List.of(
                        new ParameterChange("added", null, "x"),
                        new ParameterChange("token", "***", "***"),
                        new ParameterChange("version", "v1", "v2")))));
        tasks.add(task("d", TaskStatus.EXECUTED, CacheMiss.implementationChanged(1, 2)));
        tasks.add(task("e", TaskStatus.EXECUTED, CacheMiss.targetInvalid("not valid JSON (truncated or corrupt)")));
        tasks.add(task("f", TaskStatus.EXECUTED, CacheMiss.PURGED));
        tasks.add(task("g", TaskStatus.FAILED, CacheMiss.forced("re-run requested")));
        tasks.add(task("h", TaskStatus.CACHED, null));
        RunSummary summary =
                new RunSummary("run-1", RunOutcome.TASK_FAILURES, STARTED, STARTED + 1234, tasks, 0, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunReportWriter.write(summary, out, Map.of("awsRetries", 0));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldAcceptEveryReasonCoreWritesWithItsDetails() throws Exception {
        RunReport report = ReportSchema.read(written());

        List<RunReport.Task> t = report.tasks();
        assertThat(t).extracting(RunReport.Task::missReason)
                .containsExactly(
                        MissReason.NO_TARGET,
                        MissReason.CACHING_DISABLED,
                        MissReason.PARAMETERS_CHANGED,
                        MissReason.IMPLEMENTATION_CHANGED,
                        MissReason.TARGET_INVALID,
                        MissReason.PURGED,
                        MissReason.FORCED,
                        null);
        assertThat(t.get(0).missDetails()).isNull();
        assertThat(t.get(2).missDetails().changes())
                .containsExactly(
                        new MissDetails.Change("added", null, "x"),
                        new MissDetails.Change("token", MissDetails.MASKED, MissDetails.MASKED),
                        new MissDetails.Change("version", "v1", "v2"));
        assertThat(t.get(3).missDetails().oldImplementation()).isEqualTo("1");
        assertThat(t.get(3).missDetails().newImplementation()).isEqualTo("2");
        assertThat(t.get(4).missDetails().problem()).isEqualTo("not valid JSON (truncated or corrupt)");
        assertThat(t.get(6).missDetails().problem()).isEqualTo("re-run requested");
        assertThat(report.totals().missReasons())
                .containsEntry(MissReason.NO_TARGET, 1)
                .containsEntry(MissReason.FORCED, 1)
                .hasSize(7);
    }

    @Test
    void shouldAcceptCoresReportOfARunWithoutMisses() throws Exception {
        RunSummary hits = new RunSummary(
                "run-2",
                RunOutcome.SUCCESS,
                STARTED,
                STARTED + 10,
                List.of(task("h", TaskStatus.CACHED, null)),
                0,
                null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunReportWriter.write(hits, out, Map.of());

        RunReport report = ReportSchema.read(out.toString(StandardCharsets.UTF_8));

        assertThat(report.totals().missReasons()).isEmpty();
    }
}
