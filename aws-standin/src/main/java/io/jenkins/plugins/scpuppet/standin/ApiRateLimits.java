package io.jenkins.plugins.scpuppet.standin;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * AWS's API rate limits: a token bucket per (account, region, service), refilled at the model's rate up to its burst.
 * A call finding the bucket empty is throttled, as AWS throttles, and counted.
 */
final class ApiRateLimits {
    private final Map<String, Bucket> buckets = new HashMap<>();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong allowed = new AtomicLong();
    private volatile LatencyModel model = LatencyModel.OFF;
    private final Map<String, AtomicLong> callsPerKey = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> callsPerOperation = new ConcurrentHashMap<>();

    void model(LatencyModel value) {
        synchronized (buckets) {
            model = value;
            buckets.clear();
        }
    }

    /** Takes a token for the key, or answers false (throttled). Always true when the model sets no rate. */
    boolean tryAcquire(String account, String region, String service, String operation) {
        String key = account + "/" + region + "/" + service;
        callsPerKey.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        callsPerOperation
                .computeIfAbsent(key + " " + operation, k -> new AtomicLong())
                .incrementAndGet();
        LatencyModel m = model;
        if (!m.rateLimited()) {
            allowed.incrementAndGet();
            return true;
        }
        long now = m.nanoTime().getAsLong();
        synchronized (buckets) {
            Bucket b = buckets.computeIfAbsent(account + "/" + region + "/" + service, k -> new Bucket(m.burst(), now));
            b.tokens = Math.min(m.burst(), b.tokens + (now - b.refilledAt) / 1e9 * m.ratePerSecond());
            b.refilledAt = now;
            if (b.tokens < 1) {
                throttled.incrementAndGet();
                return false;
            }
            b.tokens -= 1;
        }
        allowed.incrementAndGet();
        return true;
    }

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long refilledAt) {
            this.tokens = tokens;
            this.refilledAt = refilledAt;
        }
    }

    /** Calls received per (account, region, service), throttled ones included. */
    Map<String, Long> callsPerKey() {
        Map<String, Long> out = new HashMap<>();
        callsPerKey.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Calls received per "account/region/service operation", throttled ones included. */
    Map<String, Long> callsPerKeyAndOperation() {
        Map<String, Long> out = new HashMap<>();
        callsPerOperation.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    long throttled() {
        return throttled.get();
    }

    long allowed() {
        return allowed.get();
    }
}
