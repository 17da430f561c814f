package io.jenkins.plugins.scpuppet.mirror;

import java.time.Duration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Tells the thread that makes a call whether each of its attempts was throttled, so that a caller pacing itself (the
 * cache mirror's window) hears of every SlowDown, also those the SDK retried and that never reached the caller; and
 * lets that caller wait out the backoff before a retry itself, so that a request waiting to retry does not hold a place
 * in its window. A sync client makes its attempts, retries and backoffs included, on the calling thread, so a
 * thread-local listener sees exactly its own.
 */
public final class ThrottleSignal {
    /** Hears one answer per attempt: throttled (429, or 503 as S3's SlowDown) or not; and waits out backoffs. */
    interface Listener {
        void answered(boolean throttled);

        /** Waits {@code delay} before the call's next attempt; returns early only by throwing. */
        void backOff(Duration delay) throws InterruptedException;
    }

    /**
     * Handed back to the SDK when a backoff was interrupted, with the thread's interrupt flag set again: its own sleep
     * before the retry then throws at once (a zero sleep would not), and it reports the interrupt as it always does
     * (an {@code AbortedException}, or the call timeout's {@code ApiCallTimeoutException} when that was the cause).
     */
    static final Duration INTERRUPTED = Duration.ofMillis(1);

    private static final ThreadLocal<Listener> LISTENER = new ThreadLocal<>();

    private ThrottleSignal() {}

    /** From now on, the calls this thread makes report their attempts to the listener. */
    static void listen(Listener listener) {
        LISTENER.set(listener);
    }

    static void stopListening() {
        LISTENER.remove();
    }

    /** Whether the calling thread listens: a mirror transfer, paced by the window. */
    public static boolean listening() {
        return LISTENER.get() != null;
    }

    /**
     * Waits out a retry's backoff on behalf of the retry strategy, when the calling thread listens, and returns what the
     * SDK has still to wait: zero once waited, {@link #INTERRUPTED} when interrupted. A thread that does not listen gets
     * {@code delay} back, for the SDK to sleep as usual.
     */
    public static Duration waitOut(Duration delay) {
        Listener listener = LISTENER.get();
        if (listener == null || delay.isZero() || delay.isNegative()) {
            return delay;
        }
        try {
            listener.backOff(delay);
            return Duration.ZERO;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return INTERRUPTED;
        }
    }

    /** Whether an HTTP status is throttling, as the S3 client's retry strategy treats it. */
    static boolean throttling(int status) {
        return status == 429 || status == 503;
    }

    /**
     * Reports every answered attempt to the calling thread's listener, if it has one. The S3 client is built in
     * {@code aws.AwsClients}, above this package, which installs it.
     */
    public static final class Interceptor implements ExecutionInterceptor {
        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            Listener listener = LISTENER.get();
            if (listener != null) {
                listener.answered(throttling(context.httpResponse().statusCode()));
            }
        }
    }
}
