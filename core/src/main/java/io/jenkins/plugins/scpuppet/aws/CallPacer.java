package io.jenkins.plugins.scpuppet.aws;

import io.jenkins.plugins.scpuppet.engine.CurrentTask;
import io.jenkins.plugins.scpuppet.engine.RestartLater;
import io.jenkins.plugins.scpuppet.engine.TaskKey;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Keeps the calls to each (account, region, service) under AWS's rate limit, so that the limiter paces and
 * throttling retries stay rare. Per key it keeps the next free slot ({@link KeyRate}): with a given rate, in any window
 * of {@code w} seconds a key gets at most {@code burst + w * ratePerSecond} calls; an {@link #adaptive()} pacer, the
 * default against AWS (which publishes no limit per key), lets each key go unlimited until it is throttled and then
 * learns its rate. A call takes its slot at once and waits for it, so calls queue in order. Keys are bounded by the
 * accounts, regions and services a manifest reaches.
 *
 * <p>A task's call whose slot is more than {@link #SLEEP_AT_MOST_NANOS} away, made before its step sent anything, does
 * not sleep on the worker: it keeps its slot as the task's pass and gives the worker back ({@link RestartLater}); the
 * step runs again when the slot is due and its call uses the pass. Passes are bounded by the tasks of a run.
 */
public final class CallPacer {
    /** Longer waits give the worker back when they can: about the time of one call. */
    static final long SLEEP_AT_MOST_NANOS = 20_000_000L;

    /** No pacing: every call goes at once. */
    public static final CallPacer UNLIMITED = new CallPacer(0, 1, System::nanoTime);

    private final long intervalNanos;
    private final long toleranceNanos;
    private final boolean adaptive;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, KeyRate> keys = new ConcurrentHashMap<>();
    private final AtomicLong paced = new AtomicLong();
    private final ConcurrentHashMap<TaskKey, Pass> passes = new ConcurrentHashMap<>();
    private final AtomicLong restarts = new AtomicLong();
    private volatile boolean holdWorkers;

    /** A slot kept for a task that gave its worker back: its call to {@code key} may go at {@code goAtNanos}. */
    private record Pass(String key, long goAtNanos, int cuts) {}

    /** The key's cuts when this thread took its last slot: a throttle of that call is news only if they still hold. */
    private static final ThreadLocal<Integer> SLOT_CUTS = ThreadLocal.withInitial(() -> 0);

    /**
     * @param ratePerSecond sustained calls per second per key; 0 paces nothing
     * @param burst calls a key may make at once after being idle
     * @param clock nanoseconds (tests pass a fake clock)
     */
    public CallPacer(double ratePerSecond, int burst, LongSupplier clock) {
        this(ratePerSecond, burst, clock, false);
        if (ratePerSecond < 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be >= 0 and burst >= 1, got " + ratePerSecond + ", " + burst);
        }
    }

    private CallPacer(double ratePerSecond, int burst, LongSupplier clock, boolean adaptive) {
        this.intervalNanos = ratePerSecond <= 0 ? 0 : (long) (1e9 / ratePerSecond);
        this.toleranceNanos = (burst - 1) * intervalNanos;
        this.clock = clock;
        this.adaptive = adaptive;
    }

    /** Each key unlimited until it is throttled, then paced at the rate it learns ({@link KeyRate}). */
    public static CallPacer adaptive() {
        return adaptive(System::nanoTime);
    }

    static CallPacer adaptive(LongSupplier clock) {
        return new CallPacer(0, 1, clock, true);
    }

    public CallPacer(double ratePerSecond, int burst) {
        this(ratePerSecond, burst, System::nanoTime);
    }

    /** Takes the key's next slot; returns how long to wait for it, in nanoseconds (0: go now). */
    long reserve(String key) {
        if (intervalNanos == 0 && !adaptive) {
            return 0;
        }
        long now = clock.getAsLong();
        KeyRate rate = rateOf(key, now);
        SLOT_CUTS.set(rate.cuts());
        long wait = rate.reserve(now);
        if (wait > 0) {
            paced.incrementAndGet();
        }
        return wait;
    }

    /** Whether the slot this thread last took on the key was spaced at a rate since cut. */
    private boolean stale(String key) {
        return adaptive && SLOT_CUTS.get() != rateOf(key, clock.getAsLong()).cuts();
    }

    private KeyRate rateOf(String key, long now) {
        return keys.computeIfAbsent(
                key, k -> adaptive ? KeyRate.adaptive(now) : KeyRate.fixed(now, intervalNanos, toleranceNanos));
    }

    /** An attempt on the key was throttled: an adaptive pacer slows the key down. */
    void throttled(String key) {
        if (adaptive) {
            long now = clock.getAsLong();
            rateOf(key, now).throttled(now, SLOT_CUTS.get());
        }
    }

    /** A call on the key was answered (not throttled): an adaptive pacer lets a slowed key speed up again. */
    void answered(String key) {
        if (adaptive) {
            long now = clock.getAsLong();
            rateOf(key, now).answered(now);
        }
    }

    /** The keys an adaptive pacer has slowed down, with the rate each has learnt (calls a second). */
    public Map<String, Double> learntRates() {
        Map<String, Double> rates = new TreeMap<>();
        keys.forEach((key, rate) -> {
            double r = rate.rate();
            if (r != Double.POSITIVE_INFINITY) {
                rates.put(key, r);
            }
        });
        return rates;
    }

    /** Waits for the key's next slot (again if the rate was cut meanwhile); an interrupt (a cancel) ends the wait. */
    void acquire(String key) throws InterruptedException {
        do {
            sleep(reserve(key));
        } while (stale(key));
    }

    /**
     * Waits for the key's next slot, for a call's first attempt: with the task's pass if it has one for this key. A long
     * wait in a task's step that has sent nothing throws {@link RestartLater} with the slot kept as the task's pass.
     */
    void acquireFirst(String key) throws InterruptedException {
        TaskKey task = CurrentTask.get();
        Pass pass = task == null || passes.isEmpty() ? null : passes.remove(task);
        long now = clock.getAsLong();
        // A pass is used only about when it is due: a stale one (its step came back late, or made no paced call and
        // the task calls again later) was a slot nobody used, and going on it now could exceed the rate.
        KeyRate rate = rateOf(key, now);
        boolean usable = pass != null
                && pass.key().equals(key)
                && pass.cuts() == rate.cuts()
                && now - pass.goAtNanos() <= rate.intervalNanos();
        if (usable) {
            SLOT_CUTS.set(pass.cuts());
        }
        long wait = usable ? Math.max(0, pass.goAtNanos() - now) : reserve(key);
        while (true) {
            if (wait > SLEEP_AT_MOST_NANOS && !holdWorkers && CurrentTask.stepUntouched()) {
                passes.put(task, new Pass(key, now + wait, SLOT_CUTS.get()));
                restarts.incrementAndGet();
                throw new RestartLater("waiting for a call slot on " + key, TimeUnit.NANOSECONDS.toMillis(wait) + 1);
            }
            sleep(wait);
            if (!stale(key)) {
                return;
            }
            now = clock.getAsLong(); // the rate was cut meanwhile: a new slot, which may give the worker back
            wait = reserve(key);
        }
    }

    private static void sleep(long nanos) throws InterruptedException {
        if (nanos > 0) {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    }

    /** Whether a wait sleeps on the worker whatever its length (upstream's model: a worker is held while it waits). */
    public void holdWorkers(boolean on) {
        this.holdWorkers = on;
    }

    /** Calls whose wait gave the worker back. */
    public long restarts() {
        return restarts.get();
    }

    /** Calls that had to wait for their slot. */
    public long pacedCalls() {
        return paced.get();
    }
}
