package io.jenkins.plugins.scpuppet.aws;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One (account, region, service) key's call slots: a token bucket in the generic cell rate form (the next free slot,
 * an interval between calls and a tolerance that lets a burst through). A fixed key keeps the rate it was given. An
 * adaptive key starts unlimited and learns its rate from throttling, as AWS publishes no limit per key:
 *
 * <ul>
 *   <li>a throttled call cuts the rate to {@link #CUT} of the lower of the current rate and the rate of calls the
 *       service answered in the last second, errors other than throttling included (what it let through), or half of
 *       what was sent if more; only a call whose slot was spaced at the current rate counts, so one burst of
 *       throttles is one cut, and a slot taken before a cut is taken again; the rate never goes below {@link
 *       #LEAST_RATE};
 *   <li>each second without a throttle raises it by a twentieth, at least one call a second, towards the limit;
 *   <li>a limited key allows no burst: a burst is what the service refused.
 * </ul>
 */
final class KeyRate {
    static final double CUT = 0.7;
    static final double LEAST_RATE = 1.0;
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong nextFree;
    private final AtomicInteger sentThisWindow = new AtomicInteger();
    private final boolean adaptive;
    private volatile long intervalNanos;
    private volatile long toleranceNanos;
    private volatile int cuts;

    // Adaptive state, guarded by this.
    private double rate = Double.POSITIVE_INFINITY;
    private long lastRaise;
    private long lastThrottle;
    private long windowStart;
    private int okThisWindow;
    private int okLastWindow;
    private int sentLastWindow;

    private KeyRate(long now, long intervalNanos, long toleranceNanos, boolean adaptive) {
        this.nextFree = new AtomicLong(now);
        this.intervalNanos = intervalNanos;
        this.toleranceNanos = toleranceNanos;
        this.adaptive = adaptive;
        this.windowStart = now;
    }

    static KeyRate fixed(long now, long intervalNanos, long toleranceNanos) {
        return new KeyRate(now, intervalNanos, toleranceNanos, false);
    }

    static KeyRate adaptive(long now) {
        return new KeyRate(now, 0, 0, true);
    }

    /** Takes the next slot; returns how long to wait for it, in nanoseconds (0: go now). */
    long reserve(long now) {
        if (adaptive) {
            sentThisWindow.incrementAndGet();
        }
        long interval = intervalNanos;
        if (interval == 0) {
            return 0;
        }
        while (true) {
            long tat = nextFree.get();
            long start = Math.max(tat, now);
            if (nextFree.compareAndSet(tat, start + interval)) {
                return Math.max(0, start - toleranceNanos - now);
            }
        }
    }

    long intervalNanos() {
        return intervalNanos;
    }

    /**
     * How many times the rate was cut. A slot taken before a cut was spaced for a rate the service refused: its
     * caller takes a new one ({@link #reserve} starts the queue again at each cut).
     */
    int cuts() {
        return cuts;
    }

    /** The rate learnt so far, calls a second; infinite while unlimited. */
    synchronized double rate() {
        return rate;
    }

    /** A call was answered, successfully or with an error other than throttling: the service took it. */
    synchronized void answered(long now) {
        if (!adaptive) {
            return;
        }
        roll(now);
        okThisWindow++;
        if (rate != Double.POSITIVE_INFINITY && now - lastRaise >= SECOND && now - lastThrottle >= SECOND) {
            setRate(rate + Math.max(1.0, rate / 20));
            lastRaise = now;
        }
    }

    /**
     * A call was throttled; {@code slotCuts} is {@link #cuts()} when its slot was taken. Only a call spaced at the
     * current rate is news about it: those sent before the last cut were already answered by it.
     */
    synchronized void throttled(long now, int slotCuts) {
        if (!adaptive) {
            return;
        }
        roll(now);
        if (rate != Double.POSITIVE_INFINITY && slotCuts != cuts) {
            return;
        }
        lastThrottle = now;
        if (rate <= LEAST_RATE) {
            return; // at the floor a cut changes nothing: requeueing its waiters would only push them back
        }
        // What the service let through: the last full second, or this one so far (at least a tenth of it, so the
        // burst that drew the first throttle does not pass for the rate). A refusal comes back before the answers
        // of its burst (the service does no work for it), so half of what was sent counts too: that keeps a cold
        // key's first cut from landing near nothing; a rate still too high is cut again by the next refusal.
        double elapsed = Math.max(now - windowStart, SECOND / 10) / (double) SECOND;
        double answeredRate = Math.max(okLastWindow, okThisWindow / elapsed);
        double letThrough = Math.max(answeredRate, Math.max(sentLastWindow, sentThisWindow.get() / elapsed) / 2);
        setRate(Math.max(LEAST_RATE, CUT * Math.min(rate, letThrough)));
        lastRaise = now;
        nextFree.set(now + intervalNanos); // the service just refused one: give its bucket an interval to refill
        cuts++;
    }

    private void setRate(double value) {
        rate = value;
        toleranceNanos = 0;
        intervalNanos = (long) (SECOND / value);
    }

    /** Keeps the calls answered and sent in the current second and in the one before it. */
    private void roll(long now) {
        long elapsed = now - windowStart;
        if (elapsed < SECOND) {
            return;
        }
        okLastWindow = elapsed < 2 * SECOND ? okThisWindow : 0;
        okThisWindow = 0;
        int sent = sentThisWindow.getAndSet(0);
        sentLastWindow = elapsed < 2 * SECOND ? sent : 0;
        windowStart = now - elapsed % SECOND;
    }
}
