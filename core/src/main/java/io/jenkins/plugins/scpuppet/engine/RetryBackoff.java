package io.jenkins.plugins.scpuppet.engine;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Capped exponential backoff with full jitter: delay(n) is uniform in [0, min(cap, base * 2^(n-1))]. */
public record RetryBackoff(Duration base, Duration cap) {

    public static final RetryBackoff DEFAULT = new RetryBackoff(Duration.ofMillis(500), Duration.ofSeconds(20));
    /** For tests: retry at once. */
    public static final RetryBackoff NONE = new RetryBackoff(Duration.ZERO, Duration.ZERO);

    /** Upper bound of the delay before retry number {@code retry} (1-based). */
    public long ceilingMillis(int retry) {
        long exp = base.toMillis() << Math.min(30, Math.max(0, retry - 1));
        return Math.min(cap.toMillis(), exp < 0 ? Long.MAX_VALUE : exp);
    }

    public long delayMillis(int retry) {
        long ceiling = ceilingMillis(retry);
        return ceiling == 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
    }
}
