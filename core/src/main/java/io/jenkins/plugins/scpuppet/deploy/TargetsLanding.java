package io.jenkins.plugins.scpuppet.deploy;

import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskError;
import io.jenkins.plugins.scpuppet.engine.TaskKey;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The caller's listener, plus each target an executed task wrote handed to {@code landed} (the cache mirror's early
 * uploads) before the caller hears of the task.
 */
final class TargetsLanding implements RunListener {
    private final RunListener delegate;
    private final Consumer<Path> landed;

    TargetsLanding(RunListener delegate, Consumer<Path> landed) {
        this.delegate = delegate;
        this.landed = landed;
    }

    @Override
    public void taskExecuted(TaskKey task, long durationMillis, int attempts, Path target) {
        if (target != null) {
            landed.accept(target);
        }
        delegate.taskExecuted(task, durationMillis, attempts, target);
    }

    @Override
    public void runStarted(String runId, int tasksKnown) {
        delegate.runStarted(runId, tasksKnown);
    }

    @Override
    public void taskStarted(TaskKey task, int attempt) {
        delegate.taskStarted(task, attempt);
    }

    @Override
    public void taskCached(TaskKey task, Path target) {
        delegate.taskCached(task, target);
    }

    @Override
    public void taskExecuted(TaskKey task, long durationMillis, int attempts) {
        delegate.taskExecuted(task, durationMillis, attempts);
    }

    @Override
    public void taskFailed(TaskKey task, TaskError error, int attempts) {
        delegate.taskFailed(task, error, attempts);
    }

    @Override
    public void taskSkipped(TaskKey task, String reason) {
        delegate.taskSkipped(task, reason);
    }

    @Override
    public void taskRetried(TaskKey task, int nextAttempt, long delayMillis, TaskError error) {
        delegate.taskRetried(task, nextAttempt, delayMillis, error);
    }

    @Override
    public void targetInvalid(TaskKey task, Path target, String reason) {
        delegate.targetInvalid(task, target, reason);
    }

    @Override
    public void runFinished(RunSummary summary) {
        delegate.runFinished(summary);
    }
}
