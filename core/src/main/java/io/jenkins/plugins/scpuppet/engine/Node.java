package io.jenkins.plugins.scpuppet.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Scheduler-private state of one task. Guarded by the scheduler's lock. */
final class Node {
    enum State {
        NEW,
        CHECKING,
        WAITING,
        READY,
        PARKED,
        RUNNING,
        /** Started a long-running operation; holds its resources, no worker; polled again after a delay. */
        AWAITING,
        RETRY_WAIT,
        DONE
    }

    /**
     * Higher priority first, then the first made ready. One comparator, not composed ones: the ready queue compares
     * on every take and every task made ready (4% of the workers' samples with composed lambdas, JFR 2026-12-05).
     */
    static final Comparator<Node> READY_ORDER = (a, b) -> {
        int byPriority = Integer.compare(b.spec.priority(), a.spec.priority());
        return byPriority != 0 ? byPriority : Long.compare(a.readySeq, b.readySeq);
    };

    final TaskSpec spec;
    final List<Node> requirements = new ArrayList<>(2);
    final List<Node> dependents = new ArrayList<>(2);
    State state = State.NEW;
    boolean needed;
    boolean holdsResources;
    int pending;
    Node failedRequirement;
    long readySeq;

    int attempts;
    /** The next step of a task that is waiting on AWS ({@link Awaiting}), or null to run the task from the start. */
    Awaiting.Step continuation;

    long startedAtMillis;
    /** When the current attempt started; a task's duration counts its waits on AWS too. */
    long startedNanos;

    long durationMillis;
    long savedMillis;
    JsonNode result;
    String resultDigest;
    TaskStatus status;
    TaskError error;
    Node blockedBy;
    String target;
    /** Why a cacheable task was executed rather than reused; null on a hit and for other tasks. */
    CacheMiss miss;

    Node(TaskSpec spec) {
        this.spec = spec;
    }

    boolean done() {
        return state == State.DONE;
    }

    boolean succeeded() {
        return state == State.DONE && status.succeeded();
    }

    TaskOutcome outcome() {
        return new TaskOutcome(
                spec.key(),
                spec.family().cacheable(),
                status,
                attempts,
                durationMillis,
                startedAtMillis,
                error == null ? null : error.code(),
                error == null ? null : error.message(),
                target,
                blockedBy == null ? null : blockedBy.spec.key(),
                requirements.stream().map(r -> r.spec.key()).toList(),
                savedMillis,
                status == TaskStatus.EXECUTED || status == TaskStatus.FAILED ? miss : null,
                spec.resources());
    }
}
