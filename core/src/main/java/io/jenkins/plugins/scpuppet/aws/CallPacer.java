package io.jenkins.plugins.scpuppet.aws;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Keeps the calls to each (account, region, service) under AWS's rate limit, so that the limiter paces and
 * throttling retries stay rare. Per key it keeps the next free slot (a token bucket in the generic cell rate form):
 * in any window of {@code w} seconds a key gets at most {@code burst + w * ratePerSecond} calls. A call takes its
 * slot at once and waits for it, so calls queue in order. Keys are bounded by the accounts, regions and services a
 * manifest reaches.
 */
public final class CallPacer {
    /** No pacing: every call goes at once. */
    public static final CallPacer UNLIMITED = new CallPacer(0, 1, System::nanoTime);

    private final long intervalNanos;
    private final long toleranceNanos;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, AtomicLong> nextFree = new ConcurrentHashMap<>();
    private final AtomicLong paced = new AtomicLong();

    /**
     * @param ratePerSecond sustained calls per second per key; 0 paces nothing
     * @param burst calls a key may make at once after being idle
     * @param clock nanoseconds (tests pass a fake clock)
     */
    public CallPacer(double ratePerSecond, int burst, LongSupplier clock) {
        if (ratePerSecond < 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be >= 0 and burst >= 1, got " + ratePerSecond + ", " + burst);
        }
        this.intervalNanos = ratePerSecond == 0 ? 0 : (long) (1e9 / ratePerSecond);
        this.toleranceNanos = (burst - 1) * intervalNanos;
        this.clock = clock;
    }

    public CallPacer(double ratePerSecond, int burst) {
        this(ratePerSecond, burst, System::nanoTime);
    }

    /** Takes the key's next slot; returns how long to wait for it, in nanoseconds (0: go now). */
    long reserve(String key) {
        if (intervalNanos == 0) {
            return 0;
        }
        long now = clock.getAsLong();
        AtomicLong slot = nextFree.computeIfAbsent(key, k -> new AtomicLong(now));
        while (true) {
            long tat = slot.get();
            long start = Math.max(tat, now);
            if (slot.compareAndSet(tat, start + intervalNanos)) {
                long wait = Math.max(0, start - toleranceNanos - now);
                if (wait > 0) {
                    paced.incrementAndGet();
                }
                return wait;
            }
        }
    }

    /** Waits for the key's next slot; an interrupt (a cancel) ends the wait. */
    void acquire(String key) throws InterruptedException {
        long wait = reserve(key);
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** Calls that had to wait for their slot. */
    public long pacedCalls() {
        return paced.get();
    }
}
