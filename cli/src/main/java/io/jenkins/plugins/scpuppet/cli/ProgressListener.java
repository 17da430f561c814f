package io.jenkins.plugins.scpuppet.cli;

import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskError;
import io.jenkins.plugins.scpuppet.engine.TaskKey;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run progress for people: on a terminal, one live line with a bar and the counts; otherwise (pipes, CI logs) one
 * plain line per finished task. Failures and retries are always printed in full.
 */
final class ProgressListener implements RunListener {
    private final PrintStream out;
    private final boolean live;
    private final AtomicInteger executed = new AtomicInteger();
    private final AtomicInteger cached = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private volatile int known;

    ProgressListener(PrintStream out, boolean live) {
        this.out = out;
        this.live = live;
    }

    @Override
    public void runStarted(String runId, int tasksKnown) {
        known = tasksKnown;
        out.println("run " + runId + ": " + tasksKnown + " tasks in the graph (more are added as AWS ids are learnt)");
    }

    @Override
    public void taskCached(TaskKey task, Path target) {
        cached.incrementAndGet();
        line("CACHED   " + task.id());
    }

    @Override
    public void taskExecuted(TaskKey task, long durationMillis, int attempts) {
        executed.incrementAndGet();
        line("EXECUTED " + task.id() + " (" + durationMillis + " ms"
                + (attempts > 1 ? ", " + attempts + " attempts" : "") + ")");
    }

    @Override
    public void taskFailed(TaskKey task, TaskError error, int attempts) {
        failed.incrementAndGet();
        always("FAILED   " + task.id() + ": " + error.code() + ": " + error.message());
    }

    @Override
    public void taskSkipped(TaskKey task, String reason) {
        skipped.incrementAndGet();
        line("SKIPPED  " + task.id() + ": " + reason);
    }

    @Override
    public void taskRetried(TaskKey task, int nextAttempt, long delayMillis, TaskError error) {
        always("RETRY    " + task.id() + " attempt " + nextAttempt + " in " + delayMillis + " ms after "
                + error.code());
    }

    @Override
    public void targetInvalid(TaskKey task, Path target, String reason) {
        always("WARNING  cached target of " + task.id() + " not used (" + reason + "); the task runs again");
    }

    @Override
    public void runFinished(RunSummary summary) {
        if (live) {
            out.print("\r\033[K");
        }
    }

    private synchronized void line(String text) {
        if (!live) {
            out.println(text);
            return;
        }
        int done = executed.get() + cached.get() + failed.get() + skipped.get();
        int total = Math.max(known, done);
        int width = 30;
        int filled = total == 0 ? width : done * width / total;
        out.print("\r\033[K[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + done + "/" + total
                + "  executed " + executed + "  cached " + cached + "  failed " + failed + "  skipped " + skipped);
        out.flush();
    }

    private synchronized void always(String text) {
        if (live) {
            out.print("\r\033[K");
        }
        out.println(text);
    }
}
