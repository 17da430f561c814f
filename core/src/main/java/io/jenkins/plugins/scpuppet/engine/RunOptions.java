package io.jenkins.plugins.scpuppet.engine;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * Settings of one run.
 *
 * @param cacheRoot folder holding {@code output/} (cacheable targets) and {@code runs/} (per-run results)
 * @param cachingEnabled when false nothing is a hit: every task runs and targets are rewritten
 * @param writeTargets when false nothing is written (used to measure scheduling alone)
 * @param fsync force target bytes to disk before the rename (slower; survives power loss, not just crashes)
 * @param resourceCapacities capacity per resource name; absent names have capacity 1 (a mutex)
 * @param errorClassifier turns a task's exception into a code, message and retryable flag
 * @param forced why every cacheable task runs without looking at its target (a dry run, a re-run), or null
 */
public record RunOptions(
        Path cacheRoot,
        int workers,
        boolean cachingEnabled,
        boolean writeTargets,
        boolean fsync,
        String runId,
        RetryBackoff backoff,
        Map<String, Integer> resourceCapacities,
        Function<Throwable, TaskError> errorClassifier,
        String forced) {

    public RunOptions {
        Objects.requireNonNull(cacheRoot, "cacheRoot");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        resourceCapacities = Map.copyOf(resourceCapacities);
    }

    /** Defaults: 10 workers (upstream's default), caching on, targets written, no fsync. */
    public static RunOptions defaults(Path cacheRoot) {
        return new RunOptions(
                cacheRoot,
                10,
                true,
                true,
                false,
                newRunId(),
                RetryBackoff.DEFAULT,
                Map.of(),
                TaskError::classify,
                null);
    }

    public static String newRunId() {
        return UUID.randomUUID().toString();
    }

    public RunOptions withWorkers(int value) {
        return new RunOptions(
                cacheRoot,
                value,
                cachingEnabled,
                writeTargets,
                fsync,
                runId,
                backoff,
                resourceCapacities,
                errorClassifier,
                forced);
    }

    public RunOptions withCaching(boolean value) {
        return new RunOptions(
                cacheRoot,
                workers,
                value,
                writeTargets,
                fsync,
                runId,
                backoff,
                resourceCapacities,
                errorClassifier,
                forced);
    }

    public RunOptions withWriteTargets(boolean value) {
        return new RunOptions(
                cacheRoot,
                workers,
                cachingEnabled,
                value,
                fsync,
                runId,
                backoff,
                resourceCapacities,
                errorClassifier,
                forced);
    }

    public RunOptions withRunId(String value) {
        return new RunOptions(
                cacheRoot,
                workers,
                cachingEnabled,
                writeTargets,
                fsync,
                value,
                backoff,
                resourceCapacities,
                errorClassifier,
                forced);
    }

    public RunOptions withBackoff(RetryBackoff value) {
        return new RunOptions(
                cacheRoot,
                workers,
                cachingEnabled,
                writeTargets,
                fsync,
                runId,
                value,
                resourceCapacities,
                errorClassifier,
                forced);
    }

    public RunOptions withResourceCapacities(Map<String, Integer> value) {
        return new RunOptions(
                cacheRoot,
                workers,
                cachingEnabled,
                writeTargets,
                fsync,
                runId,
                backoff,
                value,
                errorClassifier,
                forced);
    }

    public RunOptions withErrorClassifier(Function<Throwable, TaskError> value) {
        return new RunOptions(
                cacheRoot,
                workers,
                cachingEnabled,
                writeTargets,
                fsync,
                runId,
                backoff,
                resourceCapacities,
                value,
                forced);
    }

    /** Every cacheable task executes (reason FORCED, with {@code why} as the problem); null turns it off. */
    public RunOptions withForced(String why) {
        return new RunOptions(
                cacheRoot,
                workers,
                cachingEnabled,
                writeTargets,
                fsync,
                runId,
                backoff,
                resourceCapacities,
                errorClassifier,
                why);
    }

    public int capacityOf(String resource) {
        return resourceCapacities.getOrDefault(resource, 1);
    }
}
