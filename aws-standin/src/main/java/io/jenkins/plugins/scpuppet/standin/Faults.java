package io.jenkins.plugins.scpuppet.standin;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Faults to inject: a fraction of calls throttled, extra latency, or a chosen error on a chosen operation (optionally
 * only when the request matches). Thread-safe; change it between or during runs.
 */
public final class Faults {
    private volatile double throttleFraction;
    private volatile long latencyMillis;
    private volatile double serverErrorFraction;
    private final Map<String, Injected> byOperation = new ConcurrentHashMap<>();
    private final AtomicLong throttled = new AtomicLong();

    /** An error for one operation, when the request body contains {@code match} (or always if null). */
    public record Injected(String code, String message, int status, Predicate<String> when) {}

    public Faults throttle(double fraction) {
        this.throttleFraction = fraction;
        return this;
    }

    public Faults serverErrors(double fraction) {
        this.serverErrorFraction = fraction;
        return this;
    }

    public Faults latency(long millis) {
        this.latencyMillis = millis;
        return this;
    }

    /** Fails {@code operation} (e.g. "DescribeProvisioningParameters") with the code when the body contains text. */
    public Faults fail(String operation, String code, String message, String bodyContains) {
        byOperation.put(
                operation,
                new Injected(code, message, 400, body -> bodyContains == null || body.contains(bodyContains)));
        return this;
    }

    public Faults clear() {
        throttleFraction = 0;
        serverErrorFraction = 0;
        latencyMillis = 0;
        byOperation.clear();
        return this;
    }

    public long throttledCount() {
        return throttled.get();
    }

    /** Called for each request before it is handled; throws the injected error, if any. */
    void apply(String operation, String body) {
        if (latencyMillis > 0) {
            try {
                Thread.sleep(latencyMillis); // simulated network latency, not synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Injected injected = byOperation.get(operation);
        if (injected != null && injected.when().test(body)) {
            throw new AwsError(injected.code(), injected.message(), injected.status());
        }
        if (throttleFraction > 0 && ThreadLocalRandom.current().nextDouble() < throttleFraction) {
            throttled.incrementAndGet();
            throw new AwsError("ThrottlingException", "Rate exceeded", 400);
        }
        if (serverErrorFraction > 0 && ThreadLocalRandom.current().nextDouble() < serverErrorFraction) {
            throw new AwsError("InternalFailure", "injected server error", 500);
        }
    }
}
