package io.jenkins.plugins.scpuppet.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.scpuppet.engine.Awaiting;
import io.jenkins.plugins.scpuppet.engine.TaskException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Polls a long-running AWS operation until it settles, with an overall timeout. Inside a run it holds no thread
 * between polls: {@link #settle} checks once and, if the operation is still in progress, throws {@link Awaiting} so
 * the engine polls again later on any worker. The first poll goes when most waits of the same kind had ended ({@link
 * WaitDurations}); after it, the delay grows from the interval to four intervals, or to a sixteenth of the wait's
 * age if that is longer, with jitter, so polls of operations started together spread out. Outside a run (bootstrap), or in upstream's model, it sleeps.
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
    private final WaitDurations durations = new WaitDurations();
    private final LongSupplier nanoClock;

    /** A poller that sleeps between polls on the calling thread. */
    Poller(Duration interval, Duration timeout) {
        this(interval, timeout, true);
    }

    Poller(Duration interval, Duration timeout, boolean holdThread) {
        this(interval, timeout, holdThread, System::nanoTime);
    }

    /** @param nanoClock when polls happen, in nanoseconds (tests pass a fake clock) */
    Poller(Duration interval, Duration timeout, boolean holdThread, LongSupplier nanoClock) {
        this.interval = interval;
        this.timeout = timeout;
        this.holdThread = holdThread;
        this.nanoClock = nanoClock;
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

    /** As {@link #settle(String, String, Supplier, Finish)}, learning nothing about how long such waits take. */
    <T> JsonNode settle(String what, Supplier<T> check, Finish<T> finish) throws Exception {
        return settle(null, what, check, finish);
    }

    /**
     * {@code finish} applied to the first non-null value of {@code check}. Unless this poller holds its thread, it
     * throws {@link Awaiting} whose next step is the first poll, and each poll finding the operation in progress
     * throws another. Waits of one {@code kind} (null: none) teach the poller when to poll the next one first.
     */
    <T> JsonNode settle(String kind, String what, Supplier<T> check, Finish<T> finish) throws Exception {
        if (holdThread) {
            return finish.apply(until(what, check));
        }
        // An operation just started has not settled: the first check waits, for as long as most waits of its kind took
        // when that is known, else one delay; either way it saves a call per operation.
        long started = nanoClock.getAsLong();
        long first = durations.estimateMillis(kind).orElse(-1);
        long delay =
                first < 0 ? delayMillis(1) : first - ThreadLocalRandom.current().nextLong(first / 10 + 1);
        Wait wait = new Wait(kind, what, started, started + timeout.toNanos());
        throw new Awaiting(what, delay, () -> poll(wait, check, finish, first < 0 ? 2 : 1, -1));
    }

    /** One wait: what it is, when it began and its deadline, in the clock's nanoseconds. */
    private record Wait(String kind, String what, long startedNanos, long deadlineNanos) {}

    /** One poll; {@code notDoneMillis}: when the previous poll found it in progress (-1: this is the first). */
    private <T> JsonNode poll(Wait wait, Supplier<T> check, Finish<T> finish, int step, long notDoneMillis)
            throws Exception {
        T value = check.get();
        long now = nanoClock.getAsLong();
        long elapsed = (now - wait.startedNanos()) / 1_000_000;
        if (value != null) {
            // Found done at the first poll, the wait took at most this long: that bound is the sample.
            durations.record(wait.kind(), notDoneMillis < 0 ? elapsed : notDoneMillis, elapsed);
            return finish.apply(value);
        }
        if (now > wait.deadlineNanos()) {
            throw new TaskException("Timeout", wait.what() + " did not finish within " + timeout, true);
        }
        // Past the interval's schedule a long wait is polled about every sixteenth of its age: polls grow with the log
        // of
        // the wait's length, not with the length, and a wait is found done at most about 6% late.
        long delay = Math.max(
                delayMillis(step), elapsed / 32 + ThreadLocalRandom.current().nextLong(elapsed / 32 + 1));
        throw new Awaiting(wait.what(), delay, () -> poll(wait, check, finish, step + 1, elapsed));
    }

    /** Before poll n+1: the interval doubling up to four intervals, times a jitter in [0.5, 1]. */
    long delayMillis(int poll) {
        long ceiling = interval.toMillis() << Math.min(2, Math.max(0, poll - 1));
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }
}
