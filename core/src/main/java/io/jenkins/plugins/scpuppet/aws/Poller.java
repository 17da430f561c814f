package io.jenkins.plugins.scpuppet.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.scpuppet.engine.Awaiting;
import io.jenkins.plugins.scpuppet.engine.TaskException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Polls a long-running AWS operation until it settles, with an overall timeout. Inside a run it holds no thread
 * between polls: {@link #settle} checks once and, if the operation is still in progress, throws {@link Awaiting} so
 * the engine polls again later on any worker. The delay grows from the interval to four intervals, with jitter, so
 * polls of operations started together spread out. Outside a run (bootstrap), or in upstream's model, it sleeps.
 */
final class Poller {
    /** What follows a settled operation: turns its final state into the task's result. */
    @FunctionalInterface
    interface Finish<T> {
        JsonNode apply(T settled) throws Exception;
    }

    private final Duration interval;
    private final Duration timeout;
    private final boolean holdThread;

    /** A poller that sleeps between polls on the calling thread. */
    Poller(Duration interval, Duration timeout) {
        this(interval, timeout, true);
    }

    Poller(Duration interval, Duration timeout, boolean holdThread) {
        this.interval = interval;
        this.timeout = timeout;
        this.holdThread = holdThread;
    }

    /** Returns the first non-null value of {@code check}, sleeping between polls; interrupts end the wait. */
    <T> T until(String what, Supplier<T> check) throws TaskException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int poll = 1; ; poll++) {
            T value = check.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new TaskException("Timeout", what + " did not finish within " + timeout, true);
            }
            Thread.sleep(delayMillis(poll));
        }
    }

    /**
     * {@code finish} applied to the first non-null value of {@code check}. Unless this poller holds its thread, it
     * throws {@link Awaiting} whose next step is the first poll, and each poll finding the operation in progress
     * throws another.
     */
    <T> JsonNode settle(String what, Supplier<T> check, Finish<T> finish) throws Exception {
        if (holdThread) {
            return finish.apply(until(what, check));
        }
        // An operation just started has not settled: the first check waits one delay, saving a call per operation.
        long deadline = System.nanoTime() + timeout.toNanos();
        throw new Awaiting(what, delayMillis(1), () -> poll(what, check, finish, deadline, 2));
    }

    private <T> JsonNode poll(String what, Supplier<T> check, Finish<T> finish, long deadline, int poll)
            throws Exception {
        T value = check.get();
        if (value != null) {
            return finish.apply(value);
        }
        if (System.nanoTime() > deadline) {
            throw new TaskException("Timeout", what + " did not finish within " + timeout, true);
        }
        throw new Awaiting(what, delayMillis(poll), () -> poll(what, check, finish, deadline, poll + 1));
    }

    /** Before poll n+1: the interval doubling up to four intervals, times a jitter in [0.5, 1]. */
    long delayMillis(int poll) {
        long ceiling = interval.toMillis() << Math.min(2, Math.max(0, poll - 1));
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }
}
