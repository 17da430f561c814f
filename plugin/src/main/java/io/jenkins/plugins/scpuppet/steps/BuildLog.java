package io.jenkins.plugins.scpuppet.steps;

import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.TaskError;
import io.jenkins.plugins.scpuppet.engine.TaskKey;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The engine's events as build-log lines: one concise line per task event, with any credential value masked. Used
 * on the agent, writing to the TaskListener's stream (which remoting carries back to the controller).
 */
final class BuildLog implements RunListener {
    private final PrintStream log;
    private final List<String> secrets;

    BuildLog(PrintStream log, List<String> secrets) {
        this.log = log;
        this.secrets = new CopyOnWriteArrayList<>(secrets);
    }

    /** Masks these values too from now on (a profile's keys, known once the profile is read). */
    void mask(List<String> more) {
        secrets.addAll(more);
    }

    /** The text with every known credential value replaced by ****. */
    String masked(String text) {
        String safe = text;
        for (String s : secrets) {
            if (s.length() >= 4) {
                safe = safe.replace(s, "****");
            }
        }
        return safe;
    }

    void line(String text) {
        String safe = masked(text);
        synchronized (log) {
            log.println("[puppet] " + safe);
        }
    }

    @Override
    public void runStarted(String runId, int tasksKnown) {
        line("run " + runId + ": " + tasksKnown + " tasks");
    }

    @Override
    public void taskCached(TaskKey task, Path target) {
        line("CACHED   " + task.id());
    }

    @Override
    public void taskExecuted(TaskKey task, long durationMillis, int attempts) {
        line("EXECUTED " + task.id() + " (" + durationMillis + " ms)");
    }

    @Override
    public void taskFailed(TaskKey task, TaskError error, int attempts) {
        line("FAILED   " + task.id() + ": " + error.code() + ": " + error.message());
    }

    @Override
    public void taskSkipped(TaskKey task, String reason) {
        line("SKIPPED  " + task.id() + ": " + reason);
    }

    @Override
    public void taskRetried(TaskKey task, int nextAttempt, long delayMillis, TaskError error) {
        line("RETRY    " + task.id() + " attempt " + nextAttempt + " after " + error.code());
    }

    @Override
    public void targetInvalid(TaskKey task, Path target, String reason) {
        line("WARNING  cached target of " + task.id() + " not used: " + reason);
    }
}
