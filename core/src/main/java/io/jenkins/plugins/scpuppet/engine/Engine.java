package io.jenkins.plugins.scpuppet.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs a task DAG: {@code Engine.start(roots, options, listener).await()}.
 *
 * <p>Cacheable tasks whose target is valid are hits and do not run; every other needed task runs once its requirements
 * are done, on {@link RunOptions#workers()} threads. A task waiting on AWS ({@link Awaiting}) holds no thread, so the
 * workers bound the requests in flight, not the operations in progress; one timer thread schedules polls and retries.
 */
public final class Engine {
    private Engine() {}

    /** Runs to completion on the calling thread's behalf. */
    public static RunSummary run(Collection<TaskSpec> roots, RunOptions options, RunListener listener)
            throws InterruptedException {
        return start(roots, options, listener).await();
    }

    /**
     * Validates the graph and starts the workers.
     *
     * @throws CycleException if the static requirements have a cycle (nothing runs)
     * @throws UncheckedIOException if the per-run area cannot be created
     */
    public static RunHandle start(Collection<TaskSpec> roots, RunOptions options, RunListener listener) {
        TaskGraph graph = TaskGraph.of(roots);
        RunClock clock = RunClock.system();
        RunJournal journal;
        try {
            journal = options.writeTargets()
                    ? RunJournal.open(options.cacheRoot(), options.runId())
                    : RunJournal.discarding();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run folder under " + options.cacheRoot(), e);
        }
        listener.runStarted(options.runId(), graph.size());
        Scheduler scheduler = new Scheduler(graph, options, listener);
        TargetStore store = new TargetStore(options.cacheRoot(), options.fsync());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "puppet-retry-timer");
            t.setDaemon(true);
            return t;
        });
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < options.workers(); i++) {
            Thread t = new Thread(new Worker(scheduler, store, journal, timer, clock), "puppet-worker-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        return new RunHandle(scheduler, threads, journal, timer, listener, clock);
    }
}
