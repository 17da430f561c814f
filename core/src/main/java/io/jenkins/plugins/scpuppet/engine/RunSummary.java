package io.jenkins.plugins.scpuppet.engine;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Result of a run: every task that was needed, with its status, plus totals.
 *
 * @param prunedByCache tasks in the graph that were not needed because every task requiring them was a cache hit
 */
public record RunSummary(
        String runId,
        RunOutcome outcome,
        long startedAtMillis,
        long finishedAtMillis,
        List<TaskOutcome> tasks,
        int prunedByCache,
        String error) {

    public Map<TaskStatus, Integer> counts() {
        Map<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
        for (TaskStatus s : TaskStatus.values()) {
            counts.put(s, 0);
        }
        tasks.forEach(t -> counts.merge(t.status(), 1, Integer::sum));
        return counts;
    }

    public int count(TaskStatus status) {
        return (int) tasks.stream().filter(t -> t.status() == status).count();
    }

    public long wallMillis() {
        return finishedAtMillis - startedAtMillis;
    }

    /** Time the cache saved: the recorded durations of the runs that wrote every reused result. */
    public long savedMillis() {
        return tasks.stream().mapToLong(TaskOutcome::savedMillis).sum();
    }

    /** Total engine retries (attempts beyond the first). */
    public int retries() {
        return tasks.stream().mapToInt(t -> Math.max(0, t.attempts() - 1)).sum();
    }
}
