package io.jenkins.plugins.scpuppet.agentreport;

import io.jenkins.plugins.scpuppet.engine.RunOutcome;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run report that passed {@link ReportSchema}: schema {@code scpuppet-run-report/1} (docs/run-report.md), every
 * field typed. Held only while a report is stored; never persisted as an object.
 *
 * @param error the run's own error, or null
 * @param cacheSaveWarning why the cache was not saved after the run, or null (it never changes the outcome)
 */
public record RunReport(
        String runId,
        RunOutcome outcome,
        Instant startedAt,
        Instant finishedAt,
        long wallMillis,
        String error,
        String cacheSaveWarning,
        Totals totals,
        List<Task> tasks) {
    public static final String SCHEMA = "scpuppet-run-report/1";

    /**
     * The {@code totals} object.
     *
     * @param awsRetries null when the agent did not count them
     * @param missReasons tasks per miss reason, reasons with none left out; empty when the report has none
     */
    public record Totals(
            int tasks,
            int cached,
            int executed,
            int failed,
            int skipped,
            long retries,
            long prunedByCache,
            long savedMillis,
            int cacheable,
            double cacheHitRate,
            Long awsRetries,
            Map<MissReason, Integer> missReasons) {}

    /**
     * One entry of {@code tasks}; the nullable components are the fields the writer leaves out.
     *
     * @param savedMillis null unless the task was CACHED with a known saving
     * @param startedAt null when the task never started
     * @param missReason why a cacheable task ran instead of being reused, or null (always null for CACHED, SKIPPED)
     * @param missDetails what the reason found, or null
     */
    public record Task(
            String id,
            String family,
            Map<String, String> parameters,
            boolean cacheable,
            TaskStatus status,
            int attempts,
            long durationMillis,
            Long savedMillis,
            Instant startedAt,
            String target,
            String errorCode,
            String errorMessage,
            String blockedBy,
            MissReason missReason,
            MissDetails missDetails,
            List<String> requires) {}
}
