package io.jenkins.plugins.scpuppet.mirror;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Tells the thread that makes a call whether each of its attempts was throttled, so that a caller pacing itself (the
 * cache mirror's window) hears of every SlowDown, also those the SDK retried and that never reached the caller. A sync
 * client makes its attempts, retries included, on the calling thread, so a thread-local listener sees exactly its own.
 */
public final class ThrottleSignal {
    /** Hears one answer per attempt: throttled (429, or 503 as S3's SlowDown) or not. */
    @FunctionalInterface
    interface Listener {
        void answered(boolean throttled);
    }

    private static final ThreadLocal<Listener> LISTENER = new ThreadLocal<>();

    private ThrottleSignal() {}

    /** From now on, the calls this thread makes report their attempts to the listener. */
    static void listen(Listener listener) {
        LISTENER.set(listener);
    }

    static void stopListening() {
        LISTENER.remove();
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
