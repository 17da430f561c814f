package io.jenkins.plugins.scpuppet.engine;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/** A run in progress: wait for it, or cancel it. */
public final class RunHandle {
    private final Scheduler scheduler;
    private final List<Thread> workers;
    private final RunJournal journal;
    private final ScheduledExecutorService timer;
    private final RunListener listener;
    private final RunClock clock;
    private RunSummary summary;

    RunHandle(
            Scheduler scheduler,
            List<Thread> workers,
            RunJournal journal,
            ScheduledExecutorService timer,
            RunListener listener,
            RunClock clock) {
        this.scheduler = scheduler;
        this.workers = workers;
        this.journal = journal;
        this.timer = timer;
        this.listener = listener;
        this.clock = clock;
    }

    /**
     * Stops scheduling, interrupts running tasks and lets them end; tasks not finished become SKIPPED. Targets are
     * written atomically, so none is left half-written.
     */
    public void cancel() {
        scheduler.cancel();
    }

    /** Waits for every worker to stop, then returns the summary. If interrupted, cancels the run first. */
    public synchronized RunSummary await() throws InterruptedException {
        if (summary != null) {
            return summary;
        }
        try {
            for (Thread t : workers) {
                t.join();
            }
        } catch (InterruptedException e) {
            cancel();
            for (Thread t : workers) {
                t.join();
            }
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        try {
            journal.close();
        } catch (IOException e) {
            // The journal is for tracing only; the run's results are already in memory and in the targets.
        }
        scheduler.lock.lock();
        summary = scheduler.finish(clock);
        scheduler.unlockAndFire();
        scheduler.misses.consumed();
        listener.runFinished(summary);
        return summary;
    }
}
