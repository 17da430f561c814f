package io.jenkins.plugins.scpuppet.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects events as readable strings, thread-safe. */
final class RecordingListener implements RunListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void taskStarted(TaskKey task, int attempt) {
        events.add("started " + task.id() + " #" + attempt);
    }

    @Override
    public void taskCached(TaskKey task, Path target) {
        events.add("cached " + task.id());
    }

    @Override
    public void taskExecuted(TaskKey task, long durationMillis, int attempts) {
        events.add("executed " + task.id());
    }

    @Override
    public void taskFailed(TaskKey task, TaskError error, int attempts) {
        events.add("failed " + task.id() + " " + error.code());
    }

    @Override
    public void taskSkipped(TaskKey task, String reason) {
        events.add("skipped " + task.id() + ": " + reason);
    }

    @Override
    public void taskRetried(TaskKey task, int nextAttempt, long delayMillis, TaskError error) {
        events.add("retried " + task.id() + " #" + nextAttempt);
    }

    @Override
    public void targetInvalid(TaskKey task, Path target, String reason) {
        events.add("invalid " + task.id() + ": " + reason);
    }

    long count(String prefix) {
        return events.stream().filter(e -> e.startsWith(prefix)).count();
    }
}
