package io.jenkins.plugins.scpuppet.agentreport;

import io.jenkins.plugins.scpuppet.engine.RunOutcome;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskKey;
import io.jenkins.plugins.scpuppet.engine.TaskOutcome;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import io.jenkins.plugins.scpuppet.report.RunReportWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Run reports as an agent sends them: written by core's own RunReportWriter from a run summary made here. */
public final class SampleReports {
    /** 2026-11-25T12:00:00Z; every sample run lasts {@link #WALL_MILLIS}. */
    public static final long STARTED = 1_764_072_000_000L;

    public static final long WALL_MILLIS = 1234;

    private SampleReports() {}

    /**
     * A run with these counts: cached tasks are cacheable first, then executed ones until {@code cacheable} is
     * reached; each skipped task is blocked by the first failed one; {@code saved} ms are on the first task.
     */
    public static String report(int executed, int cached, int failed, int skipped, int cacheable, long saved) {
        List<TaskOutcome> tasks = new ArrayList<>();
        TaskKey firstFailed = null;
        int n = 0;
        for (TaskStatus status : TaskStatus.values()) {
            int count = switch (status) {
                case CACHED -> cached;
                case EXECUTED -> executed;
                case FAILED -> failed;
                case SKIPPED -> skipped;
            };
            for (int i = 0; i < count; i++, n++) {
                TaskKey key = key("ProvisionProductTask", n);
                if (status == TaskStatus.FAILED && firstFailed == null) {
                    firstFailed = key;
                }
                boolean ran = status == TaskStatus.EXECUTED || status == TaskStatus.FAILED;
                tasks.add(new TaskOutcome(key, n < cacheable, status, ran ? 1 : 0, ran ? 10 : 0,
                        ran ? STARTED + n : 0, status == TaskStatus.FAILED ? "ValidationError" : null,
                        status == TaskStatus.FAILED ? "stack failed" : null, n < cacheable ? "output/" + n + ".json"
                        : null, status == TaskStatus.SKIPPED ? firstFailed : null, List.of(), n == 0 ? saved : 0));
            }
        }
        RunOutcome outcome = failed > 0 ? RunOutcome.TASK_FAILURES : RunOutcome.SUCCESS;
        return written(new RunSummary("run-1", outcome, STARTED, STARTED + WALL_MILLIS, tasks, 0, null));
    }

    /** A task key of the demo's shape: an account and a region. */
    public static TaskKey key(String family, int n) {
        return TaskKey.of(family, Map.of("account_id", String.format("%012d", 200_000_000_000L + n), "region",
                "eu-west-1", "launch_name", "launch-" + n));
    }

    /** The report as the agent's RunReportWriter writes it, with the SDK retry count Deployment adds. */
    public static String written(RunSummary summary) {
        return written(summary, null);
    }

    /** The report as the agent rewrites it when the cache save after the run failed ({@code warning} says why). */
    public static String written(RunSummary summary, String cacheSaveWarning) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            RunReportWriter.write(summary, out, Map.of("awsRetries", 3L), cacheSaveWarning);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
