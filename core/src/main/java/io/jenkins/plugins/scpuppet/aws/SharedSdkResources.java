package io.jenkins.plugins.scpuppet.aws;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/**
 * What every SDK client of one {@link AwsClients} shares: one HTTP connection pool and one scheduler, so threads and
 * sockets do not grow with the number of accounts, regions and services.
 *
 * <p>Without a scheduler of its own, each SDK client builds a pool of 5 "sdk-ScheduledExecutor" threads (SDK 2.40.2,
 * SdkDefaultClientBuilder.resolveScheduledExecutorService), started as its calls arm their timeouts. The other
 * executors in the SDK are either for async clients only (the future-completion executor) or JVM-wide singletons (the
 * Apache idle-connection reaper, the non-blocking credential-refresh pool, the response-stream timeout scheduler).
 * Given through ClientOverrideConfiguration, the scheduler is wrapped as unmanaged, and the HTTP client as non-managed:
 * closing a client releases neither, so they are closed here, once.
 */
final class SharedSdkResources implements AutoCloseable {
    /** Name prefix of the scheduler's threads (tests look for them). */
    static final String TIMER_THREAD_PREFIX = "aws-sdk-timer-";
    /**
     * Sync clients only use the scheduler to arm the call and attempt timeouts (cancelled when the call returns) and,
     * when one expires, to interrupt the caller and abort its request: short tasks that never block.
     */
    static final int TIMER_THREADS = 2;

    /**
     * The cache mirror keeps up to 128 requests in flight ({@code MirrorOptions.DEFAULT}); the rest leaves room for
     * the calls made beside it (its lease renewal, its index requests, a deploy's engine workers) without waiting.
     */
    static final int MAX_CONNECTIONS = 192;

    private final SdkHttpClient http;
    private final ScheduledThreadPoolExecutor timer;

    SharedSdkResources() {
        http = ApacheHttpClient.builder()
                .maxConnections(MAX_CONNECTIONS)
                .expectContinueEnabled(false) // small objects: the extra round trip costs more than it saves
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(60))
                .build();
        timer = new ScheduledThreadPoolExecutor(TIMER_THREADS, daemonThreads());
        // Every call arms a timeout and cancels it on return: without this, cancelled tasks would stay queued until
        // their deadline (the two-minute call timeout), thousands of them at a time.
        timer.setRemoveOnCancelPolicy(true);
    }

    SdkHttpClient http() {
        return http;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, TIMER_THREAD_PREFIX + n.incrementAndGet());
            t.setDaemon(true); // a forgotten close must not keep the JVM alive
            return t;
        };
    }

    @Override
    public void close() {
        http.close();
        timer.shutdownNow();
        try {
            // The workers are idle or finishing a short task: once this returns, none of them is alive.
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
