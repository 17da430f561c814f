package io.jenkins.plugins.scpuppet.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The run's state machine (needed, ready, running, done) under one lock; work and file I/O run in {@link Worker}.
 *
 * <p>Luigi's rule applies: a task is needed if it is a root or a requirement of a needed task that is not a cache hit.
 * A cacheable task is first checked (its target read and verified); only on a miss are its requirements needed.
 *
 * <p>A task waiting on AWS or for a call slot ({@link Awaiting}, {@link RestartLater}) holds resources, no worker.
 * Listener events produced under the lock are queued in an {@link EventQueue} and fired after unlocking.
 */
final class Scheduler {
    final ReentrantLock lock = new ReentrantLock();

    private final Condition changed = lock.newCondition();
    final RunOptions options;
    private final RunListener listener;

    private final Map<TaskKey, TaskSpec> specs;
    private final Map<TaskKey, Node> nodes = new HashMap<>();
    private final ArrayDeque<Node> checks = new ArrayDeque<>();
    /** Waiting tasks whose next poll is due: served first, they already hold their resources. */
    private final ArrayDeque<Node> polls = new ArrayDeque<>();

    private final PriorityQueue<Node> ready;
    private final Resources resources;
    private final Map<Node, Thread> running = new IdentityHashMap<>();
    private final List<Node> finished = new ArrayList<>();
    private final EventQueue events = new EventQueue();
    final MissReasons misses;

    private int outstanding;
    private int active;
    private int delayed;
    private long seq;
    private boolean cancelled;
    private String stallError;

    Scheduler(TaskGraph graph, RunOptions options, RunListener listener) {
        this.specs = new LinkedHashMap<>(graph.tasks());
        this.options = options;
        this.listener = listener;
        this.misses = new MissReasons(options);
        this.ready = new PriorityQueue<>(Node.READY_ORDER);
        this.resources = new Resources(options, Node.READY_ORDER);
        lock.lock();
        try {
            for (TaskSpec root : graph.roots()) {
                need(node(root.key()), null);
            }
        } finally {
            lock.unlock();
        }
    }

    /** A unit of work for a worker: check a target, or run a task. */
    record Job(Node node, boolean check) {}

    // ---- called by workers --------------------------------------------------------------------------------------

    /** Blocks until there is a job; null when the run is over for this worker. Caller holds the lock. */
    Job nextJob() throws InterruptedException {
        while (true) {
            if (outstanding == 0 || cancelled || stallError != null) {
                changed.signalAll();
                return null;
            }
            Node poll = polls.poll();
            if (poll != null) {
                active++;
                poll.state = Node.State.RUNNING;
                running.put(poll, Thread.currentThread());
                return new Job(poll, false);
            }
            Node check = checks.poll();
            if (check != null) {
                active++;
                return new Job(check, true);
            }
            Node task = pollRunnable();
            if (task != null) {
                active++;
                task.state = Node.State.RUNNING;
                task.attempts++;
                running.put(task, Thread.currentThread());
                int attempt = task.attempts;
                events.add(() -> listener.taskStarted(task.spec.key(), attempt));
                return new Job(task, false);
            }
            if (active == 0 && delayed == 0) {
                stall();
                continue;
            }
            changed.await();
        }
    }

    private Node pollRunnable() {
        Node n;
        while ((n = ready.poll()) != null) {
            if (resources.tryAcquire(n)) {
                return n;
            }
        }
        return null;
    }

    /** The job's worker is finished with it (whatever the result). Caller holds the lock. */
    void jobEnded(Node node) {
        active--;
        running.remove(node);
        if (active == 0) {
            changed.signalAll();
        }
    }

    void cacheHit(Node n, TargetRead.Hit hit, String target) {
        n.result = hit.result();
        n.resultDigest = hit.resultSha256();
        n.savedMillis = hit.executedMillis();
        n.target = target;
        complete(n, TaskStatus.CACHED);
        events.add(() -> listener.taskCached(n.spec.key(), options.cacheRoot().resolve(target)));
    }

    void cacheMiss(Node n, TargetRead read, String target) {
        n.miss = misses.of(read, target);
        if (read instanceof TargetRead.Invalid invalid) {
            events.add(() ->
                    listener.targetInvalid(n.spec.key(), options.cacheRoot().resolve(target), invalid.reason()));
        }
        expand(n);
    }

    void executed(Node n, String digest, String target) {
        n.resultDigest = digest;
        n.target = target;
        complete(n, TaskStatus.EXECUTED);
        long duration = n.durationMillis;
        int attempts = n.attempts;
        var written = target == null ? null : options.cacheRoot().resolve(target);
        events.add(() -> listener.taskExecuted(n.spec.key(), duration, attempts, written));
    }

    void failed(Node n, TaskError error) {
        n.error = error;
        complete(n, TaskStatus.FAILED);
        int attempts = n.attempts;
        events.add(() -> listener.taskFailed(n.spec.key(), error, attempts));
        skipDependents(n, n);
    }

    void cancelledWhileRunning(Node n) {
        skip(n, null, "run cancelled");
    }

    /** A retryable failure: release resources now, come back after the delay. */
    void retryLater(Node n, long delayMillis, TaskError error) {
        resources.release(n).forEach(this::makeReady);
        n.state = Node.State.RETRY_WAIT;
        delayed++;
        int next = n.attempts + 1;
        events.add(() -> listener.taskRetried(n.spec.key(), next, delayMillis, error));
    }

    /** The task started a long-running operation: it keeps its resources and frees its worker until the poll. */
    void awaiting(Node n, Awaiting.Step next) {
        n.continuation = next;
        n.state = Node.State.AWAITING;
        delayed++;
    }

    /** A waiting task's poll is due: a worker runs its next step (not after a cancel, which skips it). */
    void pollDue(Node n) {
        delayed--;
        if (n.state == Node.State.AWAITING && !cancelled) {
            polls.add(n);
            changed.signal();
        } else {
            changed.signalAll();
        }
    }

    void retryDue(Node n) {
        delayed--;
        if (n.state == Node.State.RETRY_WAIT && !cancelled) {
            makeReady(n);
        } else {
            changed.signalAll();
        }
    }

    /** The task asked for requirements that are not all done: pause it until they are. */
    void paused(Node n, List<TaskSpec> more) {
        resources.release(n).forEach(this::makeReady);
        n.state = Node.State.WAITING;
        for (TaskSpec spec : more) {
            Node r = intern(spec);
            if (n.requirements.contains(r)) {
                continue;
            }
            if (Reachability.reaches(r, n, nodes)) {
                List<TaskKey> cycle = List.of(n.spec.key(), r.spec.key());
                failed(n, new TaskError("CycleError", new CycleException(cycle).getMessage(), false));
                return;
            }
            need(r, n);
        }
        settle(n);
    }

    /** Current result of a requirement, or null when it is not done and succeeded. Caller holds the lock. */
    Node doneRequirement(TaskSpec spec) {
        Node r = intern(spec);
        return r.succeeded() ? r : null;
    }

    boolean isCancelled() {
        return cancelled;
    }

    void cancel() {
        lock.lock();
        try {
            cancelled = true;
            running.values().forEach(Thread::interrupt);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** After all workers have stopped: what never finished is skipped, and the summary is built. */
    RunSummary finish(RunClock clock) {
        lock.lock();
        try {
            for (Node n : nodes.values()) {
                if (n.needed && !n.done()) {
                    skip(n, null, cancelled ? "run cancelled" : "never became ready: " + stallError);
                }
            }
            return Summaries.of(options.runId(), cancelled, stallError, clock, finished, specs.keySet(), nodes);
        } finally {
            lock.unlock();
        }
    }

    /** Releases {@link #lock} (which the caller holds) and fires the events queued under it. */
    void unlockAndFire() {
        events.unlockAndFire(lock);
    }

    // ---- graph bookkeeping (lock held) --------------------------------------------------------------------------

    private Node node(TaskKey key) {
        return nodes.computeIfAbsent(key, k -> new Node(specs.get(k)));
    }

    /** Node of a spec that may be new (a dynamic requirement): its static graph is added and cycle-checked. */
    private Node intern(TaskSpec spec) {
        if (!specs.containsKey(spec.key())) {
            TaskGraph.walk(spec, specs);
        }
        return node(spec.key());
    }

    private void need(Node r, Node dependent) {
        if (dependent != null) {
            dependent.requirements.add(r);
            r.dependents.add(dependent);
            if (r.done()) {
                if (!r.succeeded() && dependent.failedRequirement == null) {
                    dependent.failedRequirement = r.status == TaskStatus.FAILED ? r : r.blockedBy;
                }
            } else {
                dependent.pending++;
            }
        }
        if (!r.needed) {
            r.needed = true;
            outstanding++;
            if (r.spec.family().cacheable() && misses.checks()) {
                r.state = Node.State.CHECKING;
                checks.add(r);
                changed.signal();
            } else {
                r.miss = r.spec.family().cacheable() ? misses.unchecked() : null;
                expand(r);
            }
        }
    }

    private void expand(Node n) {
        n.state = Node.State.WAITING;
        for (TaskSpec req : n.spec.requirements()) {
            need(node(req.key()), n);
        }
        settle(n);
    }

    private void settle(Node n) {
        if (n.state != Node.State.WAITING) {
            return;
        }
        if (n.failedRequirement != null) {
            skipWithDependents(n, n.failedRequirement);
        } else if (n.pending == 0) {
            makeReady(n);
        }
    }

    private void makeReady(Node n) {
        if (n.state != Node.State.PARKED) { // a task parked on a resource keeps its place in line when it frees
            n.readySeq = seq++;
        }
        n.state = Node.State.READY;
        ready.add(n);
        changed.signal();
    }

    private void complete(Node n, TaskStatus status) {
        n.status = status;
        n.state = Node.State.DONE;
        outstanding--;
        finished.add(n);
        resources.release(n).forEach(this::makeReady);
        if (status.succeeded()) {
            for (Node d : n.dependents) {
                if (d.state == Node.State.WAITING) {
                    d.pending--;
                    settle(d);
                }
            }
        }
        if (outstanding == 0) {
            changed.signalAll();
        }
    }

    private void skipWithDependents(Node n, Node failedAncestor) {
        skip(n, failedAncestor, blockedBy(failedAncestor));
        skipDependents(n, failedAncestor);
    }

    /** Every transitive dependent not yet done is skipped, naming the failed ancestor. Iterative: chains can be long. */
    private void skipDependents(Node from, Node failedAncestor) {
        ArrayDeque<Node> todo = new ArrayDeque<>(from.dependents);
        while (!todo.isEmpty()) {
            Node d = todo.pop();
            if (d.done() || !d.needed) {
                continue;
            }
            if (d.state == Node.State.WAITING || d.state == Node.State.READY || d.state == Node.State.PARKED) {
                ready.remove(d);
                skip(d, failedAncestor, blockedBy(failedAncestor));
                todo.addAll(d.dependents);
            } else if (d.failedRequirement == null) {
                // Running (a dynamic requirement failed under it) or retrying: it settles when it comes back.
                d.failedRequirement = failedAncestor;
            }
        }
    }

    private static String blockedBy(Node failedAncestor) {
        return "requirement failed: " + failedAncestor.spec.key().id();
    }

    private void skip(Node n, Node failedAncestor, String reason) {
        resources.release(n).forEach(this::makeReady); // a parked node leaves its line: no release wakes it
        n.blockedBy = failedAncestor;
        n.status = TaskStatus.SKIPPED;
        n.state = Node.State.DONE;
        outstanding--;
        finished.add(n);
        events.add(() -> listener.taskSkipped(n.spec.key(), reason));
        if (outstanding == 0) {
            changed.signalAll();
        }
    }

    private void stall() {
        List<String> stuck = Summaries.stuck(nodes.values());
        stallError = "tasks wait for requirements that can never finish, e.g. " + stuck;
        changed.signalAll();
    }
}
