package io.jenkins.plugins.scpuppet.engine;

import java.nio.file.Path;
import java.util.List;

/** Forwards every event to each listener in turn. */
final class CompositeListener implements RunListener {
    private final List<RunListener> listeners;

    CompositeListener(List<RunListener> listeners) {
        this.listeners = listeners;
    }

    @Override
    public void runStarted(String runId, int tasksKnown) {
        listeners.forEach(l -> l.runStarted(runId, tasksKnown));
    }

    @Override
    public void taskStarted(TaskKey task, int attempt) {
        listeners.forEach(l -> l.taskStarted(task, attempt));
    }

    @Override
    public void taskCached(TaskKey task, Path target) {
        listeners.forEach(l -> l.taskCached(task, target));
    }

    @Override
    public void taskExecuted(TaskKey task, long durationMillis, int attempts) {
        listeners.forEach(l -> l.taskExecuted(task, durationMillis, attempts));
    }

    @Override
    public void taskFailed(TaskKey task, TaskError error, int attempts) {
        listeners.forEach(l -> l.taskFailed(task, error, attempts));
    }

    @Override
    public void taskSkipped(TaskKey task, String reason) {
        listeners.forEach(l -> l.taskSkipped(task, reason));
    }

    @Override
    public void taskRetried(TaskKey task, int nextAttempt, long delayMillis, TaskError error) {
        listeners.forEach(l -> l.taskRetried(task, nextAttempt, delayMillis, error));
    }

    @Override
    public void targetInvalid(TaskKey task, Path target, String reason) {
        listeners.forEach(l -> l.targetInvalid(task, target, reason));
    }

    @Override
    public void runFinished(RunSummary summary) {
        listeners.forEach(l -> l.runFinished(summary));
    }
}
