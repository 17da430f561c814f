package io.jenkins.plugins.scpuppet.aws;

import io.jenkins.plugins.scpuppet.engine.TaskException;
import java.time.Duration;
import java.util.function.Supplier;

/** Polls a long-running AWS operation until it settles, with a fixed interval and an overall timeout. */
final class Poller {
    private final Duration interval;
    private final Duration timeout;

    Poller(Duration interval, Duration timeout) {
        this.interval = interval;
        this.timeout = timeout;
    }

    /** Returns the first non-null value of {@code check}; interrupts end the wait (cancellation). */
    <T> T until(String what, Supplier<T> check) throws TaskException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = check.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new TaskException("Timeout", what + " did not finish within " + timeout, true);
            }
            Thread.sleep(interval.toMillis());
        }
    }
}
