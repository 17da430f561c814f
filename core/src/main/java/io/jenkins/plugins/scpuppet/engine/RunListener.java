package io.jenkins.plugins.scpuppet.engine;

import java.nio.file.Path;

/**
 * The one event stream of a run; the CLI progress, the Jenkins log and the report all listen to it.
 *
 * <p>Called from worker threads, one event at a time and in causal order: implementations must be quick and must not
 * call back into the engine (cancel a run from another thread).
 */
public interface RunListener {

    default void runStarted(String runId, int tasksKnown) {}

    default void taskStarted(TaskKey task, int attempt) {}

    default void taskCached(TaskKey task, Path target) {}

    default void taskExecuted(TaskKey task, long durationMillis, int attempts) {}

    /** As the three-argument form, which it calls; {@code target}: the cacheable target written, or null. */
    default void taskExecuted(TaskKey task, long durationMillis, int attempts, Path target) {
        taskExecuted(task, durationMillis, attempts);
    }

    default void taskFailed(TaskKey task, TaskError error, int attempts) {}

    default void taskSkipped(TaskKey task, String reason) {}

    default void taskRetried(TaskKey task, int nextAttempt, long delayMillis, TaskError error) {}

    /** A stored target could not be used; the task runs again. */
    default void targetInvalid(TaskKey task, Path target, String reason) {}

    default void runFinished(RunSummary summary) {}

    RunListener NONE = new RunListener() {};
}
