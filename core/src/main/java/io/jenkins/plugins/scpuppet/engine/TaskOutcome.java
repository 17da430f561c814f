package io.jenkins.plugins.scpuppet.engine;

import java.util.List;

/**
 * What happened to one task in a run.
 *
 * @param target path of the target relative to the cache root, or null for non-cacheable tasks
 * @param blockedBy for SKIPPED tasks, the failed ancestor (or null when the run was cancelled)
 * @param requirements ids of the tasks this one needed, static and dynamic
 * @param savedMillis for CACHED tasks, how long the run that wrote the reused result took
 * @param miss for cacheable EXECUTED and FAILED tasks, why the target was not reused; otherwise null
 * @param resources the named resources the task held while it ran
 */
public record TaskOutcome(
        TaskKey key,
        boolean cacheable,
        TaskStatus status,
        int attempts,
        long durationMillis,
        long startedAtMillis,
        String errorCode,
        String errorMessage,
        String target,
        TaskKey blockedBy,
        List<TaskKey> requirements,
        long savedMillis,
        CacheMiss miss,
        List<String> resources) {

    /** An outcome without a miss reason or resources (reports written before issue #22, tests). */
    public TaskOutcome(
            TaskKey key,
            boolean cacheable,
            TaskStatus status,
            int attempts,
            long durationMillis,
            long startedAtMillis,
            String errorCode,
            String errorMessage,
            String target,
            TaskKey blockedBy,
            List<TaskKey> requirements,
            long savedMillis) {
        this(
                key,
                cacheable,
                status,
                attempts,
                durationMillis,
                startedAtMillis,
                errorCode,
                errorMessage,
                target,
                blockedBy,
                requirements,
                savedMillis,
                null,
                List.of());
    }
}
