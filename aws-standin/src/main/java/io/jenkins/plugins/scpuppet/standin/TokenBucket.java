package io.jenkins.plugins.scpuppet.standin;

import java.util.function.LongSupplier;

/**
 * A request rate limit as S3 applies one per prefix: {@code rate} tokens a second, at most a tenth of a second's worth
 * saved up for a burst (and at least one), one token per request; a request that finds none is throttled.
 */
final class TokenBucket {
    private final double rate;
    private final double capacity;
    private final LongSupplier nanos;
    private double tokens;
    private long last;

    TokenBucket(double rate, LongSupplier nanos) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("a rate limit must be above 0 requests a second, got " + rate);
        }
        this.rate = rate;
        this.capacity = Math.max(1, rate / 10);
        this.nanos = nanos;
        this.tokens = capacity;
        this.last = nanos.getAsLong();
    }

    /** Takes a token if there is one; false means the request is over the rate. */
    synchronized boolean take() {
        long now = nanos.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) * rate / 1e9);
        last = now;
        if (tokens >= 1) {
            tokens--;
            return true;
        }
        return false;
    }
}
