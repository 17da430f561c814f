package io.jenkins.plugins.scpuppet.agentreport;

import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a well-typed report must also agree with: the totals are the writer's sums over the tasks, and the wall time
 * is the span between start and finish. The build's card and trend show these totals, so they must be the tasks'.
 */
final class ReportChecks {
    /** The hit rate is a quotient of two counts; the writer and this check compute it the same way. */
    private static final double RATE_TOLERANCE = 1e-9;

    private ReportChecks() {}

    static void check(RunReport report) throws InvalidReportException {
        long wall = Duration.between(report.startedAt(), report.finishedAt()).toMillis();
        if (wall != report.wallMillis()) {
            throw new InvalidReportException("wallMillis", report.wallMillis() + " but startedAt to finishedAt is "
                    + wall + " ms");
        }
        RunReport.Totals t = report.totals();
        Map<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
        long cacheable = 0;
        long retries = 0;
        long saved = 0;
        Map<MissReason, Integer> reasons = new EnumMap<>(MissReason.class);
        for (RunReport.Task task : report.tasks()) {
            if (task.missReason() != null) {
                reasons.merge(task.missReason(), 1, Integer::sum);
            }
            counts.merge(task.status(), 1, Integer::sum);
            cacheable += task.cacheable() ? 1 : 0;
            retries += Math.max(0, task.attempts() - 1);
            saved += task.savedMillis() == null ? 0 : task.savedMillis();
        }
        agree("totals.tasks", t.tasks(), report.tasks().size(), "tasks are listed");
        agree("totals.cached", t.cached(), counts.getOrDefault(TaskStatus.CACHED, 0), "tasks are CACHED");
        agree("totals.executed", t.executed(), counts.getOrDefault(TaskStatus.EXECUTED, 0), "tasks are EXECUTED");
        agree("totals.failed", t.failed(), counts.getOrDefault(TaskStatus.FAILED, 0), "tasks are FAILED");
        agree("totals.skipped", t.skipped(), counts.getOrDefault(TaskStatus.SKIPPED, 0), "tasks are SKIPPED");
        agree("totals.cacheable", t.cacheable(), cacheable, "tasks are cacheable");
        agree("totals.retries", t.retries(), retries, "retries are in the tasks' attempts");
        agree("totals.savedMillis", t.savedMillis(), saved, "ms are in the tasks' savedMillis");
        missReasons(t.missReasons(), reasons);
        double rate = t.cacheable() == 0 ? 0.0 : (double) t.cached() / t.cacheable();
        if (Math.abs(rate - t.cacheHitRate()) > RATE_TOLERANCE) {
            throw new InvalidReportException("totals.cacheHitRate", t.cacheHitRate() + " but cached / cacheable is "
                    + rate);
        }
    }

    /** Each reason's count is its tasks'; a reason no task carries is not listed, nor is the object when none. */
    private static void missReasons(Map<MissReason, Integer> given, Map<MissReason, Integer> counted)
            throws InvalidReportException {
        if (given.isEmpty() && !counted.isEmpty()) {
            throw new InvalidReportException("totals.missReasons", "missing but " + counted.values().stream()
                    .mapToInt(Integer::intValue)
                    .sum() + " tasks have a missReason");
        }
        for (MissReason r : MissReason.values()) {
            int total = given.getOrDefault(r, 0);
            int count = counted.getOrDefault(r, 0);
            if (total != count) {
                throw new InvalidReportException("totals.missReasons." + r, (given.containsKey(r) ? total : "absent")
                        + " but " + count + " tasks have missReason " + r);
            }
        }
    }

    private static void agree(String path, long total, long counted, String what) throws InvalidReportException {
        if (total != counted) {
            throw new InvalidReportException(path, total + " but " + counted + " " + what);
        }
    }
}
