package io.jenkins.plugins.scpuppet.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** One worker thread: takes jobs from the scheduler and does them outside its lock. */
final class Worker implements Runnable {
    private final Scheduler scheduler;
    private final TargetStore store;
    private final RunJournal journal;
    private final ScheduledExecutorService timer;
    private final RunClock clock;

    Worker(Scheduler scheduler, TargetStore store, RunJournal journal, ScheduledExecutorService timer, RunClock clock) {
        this.scheduler = scheduler;
        this.store = store;
        this.journal = journal;
        this.timer = timer;
        this.clock = clock;
    }

    @Override
    public void run() {
        while (true) {
            Scheduler.Job job;
            scheduler.lock.lock();
            try {
                job = scheduler.nextJob();
            } catch (InterruptedException e) {
                scheduler.lock.unlock();
                return;
            }
            scheduler.unlockAndFire();
            if (job == null) {
                return;
            }
            if (job.check()) {
                check(job.node());
            } else {
                CurrentTask.set(job.node().spec.key());
                try {
                    execute(job.node());
                } finally {
                    CurrentTask.set(null);
                }
            }
        }
    }

    private void check(Node n) {
        TargetRead read = store.read(n.spec);
        String target = TargetPaths.relativePath(n.spec);
        locked(n, () -> {
            if (read instanceof TargetRead.Hit hit) {
                scheduler.cacheHit(n, hit, target);
            } else {
                scheduler.cacheMiss(n, read, target);
            }
        });
    }

    private void execute(Node n) {
        Awaiting.Step resume = n.continuation;
        n.continuation = null;
        int attempt = n.attempts;
        if (resume == null) {
            n.startedAtMillis = clock.millis();
            n.startedNanos = System.nanoTime();
        }
        long t0 = n.startedNanos;
        Context context = new Context(n, attempt);
        JsonNode result;
        // Only the task's own step may wait, restart or pause: what follows ends the job, and must end it once.
        try {
            result = resume != null ? resume.run() : n.spec.work().run(context);
        } catch (Awaiting wait) {
            suspend(n, wait.next(), wait.delayMillis());
            return;
        } catch (RestartLater later) {
            // The step sent nothing: the same step runs again, on whichever worker is free then.
            suspend(n, resume != null ? resume : () -> n.spec.work().run(context), later.delayMillis());
            return;
        } catch (MissingRequirements more) {
            locked(n, () -> {
                n.attempts--; // pausing for dynamic requirements is not an attempt
                scheduler.paused(n, more.specs);
            });
            return;
        } catch (Throwable t) {
            n.durationMillis = (System.nanoTime() - t0) / 1_000_000;
            failedAttempt(n, t);
            return;
        }
        executed(n, result != null ? result : context.emptyResult());
    }

    /** Records the step's result (a failed write fails the attempt), then ends the job as executed. */
    private void executed(Node n, JsonNode result) {
        n.durationMillis = (System.nanoTime() - n.startedNanos) / 1_000_000;
        String target = null;
        String digest = null;
        try {
            Map<TaskKey, String> inputDigests = new LinkedHashMap<>();
            n.requirements.forEach(r -> inputDigests.put(r.spec.key(), r.resultDigest));
            TaskResultRecord record = new TaskResultRecord(result, n.startedAtMillis, clock.millis(), inputDigests);
            if (scheduler.options.writeTargets()) {
                if (n.spec.family().cacheable()) {
                    digest = store.write(n.spec, record).resultSha256();
                    target = TargetPaths.relativePath(n.spec);
                } else {
                    digest = journal.append(n.spec, record);
                }
            }
        } catch (Throwable t) {
            failedAttempt(n, t);
            return;
        }
        n.result = result;
        String finalDigest = digest;
        String finalTarget = target;
        locked(n, () -> scheduler.executed(n, finalDigest, finalTarget));
    }

    /** The task keeps its named resources but not this worker; {@code next} runs after the delay. */
    private void suspend(Node n, Awaiting.Step next, long delayMillis) {
        locked(n, () -> scheduler.awaiting(n, next));
        timer.schedule(
                () -> {
                    scheduler.lock.lock();
                    scheduler.pollDue(n);
                    scheduler.unlockAndFire();
                },
                delayMillis,
                TimeUnit.MILLISECONDS);
    }

    private void failedAttempt(Node n, Throwable t) {
        boolean cancelled;
        scheduler.lock.lock();
        try {
            cancelled = scheduler.isCancelled();
        } finally {
            scheduler.lock.unlock();
        }
        if (cancelled) {
            locked(n, () -> scheduler.cancelledWhileRunning(n));
            return;
        }
        TaskError error = t instanceof IOException io && n.spec.family().cacheable()
                ? new TaskError("TargetWriteError", "could not write target: " + io.getMessage(), false)
                : scheduler.options.errorClassifier().apply(t);
        if (error.retryable() && n.attempts < n.spec.maxAttempts()) {
            long delay = scheduler.options.backoff().delayMillis(n.attempts);
            locked(n, () -> scheduler.retryLater(n, delay, error));
            timer.schedule(
                    () -> {
                        scheduler.lock.lock();
                        scheduler.retryDue(n);
                        scheduler.unlockAndFire();
                    },
                    delay,
                    TimeUnit.MILLISECONDS);
        } else {
            locked(n, () -> scheduler.failed(n, error));
        }
    }

    /** Runs a state change under the lock, ends the job, then fires the events it produced. */
    private void locked(Node n, Runnable change) {
        scheduler.lock.lock();
        try {
            change.run();
            scheduler.jobEnded(n);
        } catch (RuntimeException | Error e) {
            scheduler.lock.unlock();
            throw e;
        }
        scheduler.unlockAndFire();
        Thread.interrupted(); // a cancel aimed at the finished job must not hit the next one
    }

    /** The running task's view of the run. */
    private final class Context implements TaskContext {
        private final Node node;
        private final int attempt;

        Context(Node node, int attempt) {
            this.node = node;
            this.attempt = attempt;
        }

        @Override
        public TaskSpec spec() {
            return node.spec;
        }

        @Override
        public int attempt() {
            return attempt;
        }

        @Override
        public JsonNode input(TaskSpec requirement) {
            for (Node r : node.requirements) {
                if (r.spec.key().equals(requirement.key()) && r.succeeded()) {
                    return r.result;
                }
            }
            throw new IllegalStateException(node.spec.key().id() + " asked for the result of "
                    + requirement.key().id() + ", which is not one of its completed requirements");
        }

        @Override
        public List<JsonNode> require(List<TaskSpec> more) {
            List<JsonNode> results = new ArrayList<>(more.size());
            scheduler.lock.lock();
            try {
                for (TaskSpec spec : more) {
                    Node done = scheduler.doneRequirement(spec);
                    if (done == null) {
                        throw new MissingRequirements(List.copyOf(more));
                    }
                    if (!node.requirements.contains(done)) {
                        // Done already (say, a share another launch asked for): recorded, no pause and no run again.
                        node.requirements.add(done);
                        done.dependents.add(node);
                    }
                    results.add(done.result);
                }
            } finally {
                scheduler.lock.unlock();
            }
            return results;
        }

        @Override
        public String runToken() {
            return scheduler.options.runId();
        }
    }
}
