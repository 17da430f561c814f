package io.jenkins.plugins.scpuppet.mirror;

import java.util.function.LongSupplier;

/**
 * How many of the mirror's requests may be in flight: a window between a floor and a ceiling that shrinks
 * multiplicatively when S3 throttles in a way more requests make worse, and grows additively otherwise (AIMD).
 *
 * <p>Why not "halve on every throttle": real S3 throttles a prefix that gets more requests per second than it takes,
 * so its throttling rises with our rate and shrinking helps. Issue #19's fault model answers 30% of requests SlowDown
 * at random, whatever the rate; halving there drives the window to the floor, loses most of the throughput and gains
 * nothing. The two differ in one observable: whether goodput (answers that were not throttled, per second) follows the
 * window. Under a rate limit, goodput stays at the limit whatever the window above it; under random throttling it is
 * proportional to the window. So the controller works in rounds of {@link #ROUND_TRIPS} windows' worth of answers
 * (round trips, when the window is full; fewer make goodput too noisy to compare) and, at the end of each:
 *
 * <ul>
 *   <li>no throttled answer: grow by an eighth of the window (at least one);
 *   <li>throttled, and the window differs from the previous round's: the elasticity {@code (g/g' - 1) / (w/w' - 1)}
 *       tells whether goodput moved with the window, and the throttled shares of the two rounds whether throttling did.
 *       Goodput followed (elasticity at least {@link #USEFUL_ELASTICITY}), or throttling did not (random faults; the
 *       goodput was held back by something else, such as a client short of CPU): the extra requests were not what got
 *       throttled, so take the larger window and grow it (at the ceiling: hold it for {@link #HOLD_ROUNDS} rounds).
 *       Otherwise the requests beyond the smaller window only bought throttling: shrink to {@link #DECREASE} of it;
 *   <li>throttled at the same window as before (the first round, or a hold that ran out): probe by shrinking once,
 *       which the next round judges as above.
 * </ul>
 *
 * <p>The window in these comparisons is what the requests used of it: the places in flight, averaged over the round's
 * answers. A request backing off holds no place, so under a rate limit the backoffs can keep the requests from filling
 * the window; a shrink then starts from what they used, not from a limit nobody reached.
 *
 * <p>Decisions are made at most once a round. After a change, the answers to requests sent before it are not
 * counted in the next round. Under random throttling the window spends about one round in {@link #HOLD_ROUNDS} + 2 a
 * quarter lower (a mean of 94-95% of the ceiling in the simulation); under a rate limit it settles into a saw-tooth
 * just around the limit's window (rate times round trip). {@code AdaptiveWindowTest} drives it against both servers on a virtual clock.
 */
final class AdaptiveWindow {
    /** Goodput that moved at least half as much as the window, relatively, shows the window was useful. */
    static final double USEFUL_ELASTICITY = 0.5;

    static final double DECREASE = 0.75;
    static final int HOLD_ROUNDS = 4;
    /** A round lasts this many windows of answers, and at least {@link #MIN_ROUND} answers. */
    static final int ROUND_TRIPS = 3;

    static final int MIN_ROUND = 32;

    private final int floor;
    private final int ceiling;
    private final LongSupplier nanos;

    private double window;
    private final Places places;

    private long roundStart;
    private int roundSize;
    private int answered;
    private int throttled;
    private double previousWindow = -1;
    /** Places in flight summed at each answer of the round, and the previous round's mean. */
    private double occupancy;

    private double previousUsed = -1;
    private double previousGoodput;
    private double previousShare;
    private int hold;
    /** Answers still due to requests sent before the last change: they say nothing about the new window. */
    private int settling;

    private long throttles;
    private long answers;
    private long decreases;
    private int lowest;

    AdaptiveWindow(int floor, int ceiling, LongSupplier nanos) {
        if (floor < 1 || ceiling < floor) {
            throw new IllegalArgumentException("need 1 <= floor <= ceiling, got " + floor + " and " + ceiling);
        }
        this.floor = floor;
        this.ceiling = ceiling;
        this.nanos = nanos;
        this.window = ceiling;
        this.places = new Places(ceiling);
        this.lowest = ceiling;
        startRound();
    }

    /** Waits until the window has room, then takes a place in it for a new request. */
    void acquire() throws InterruptedException {
        places.acquire();
    }

    /** Takes a place if the window has room (the simulated client of the tests, which never waits). */
    boolean tryAcquire() {
        return places.tryAcquire();
    }

    /** The request is done: its place goes to the next. */
    void release() {
        places.release();
    }

    /**
     * Gives up the place of a request that backs off before its next attempt: waiting, it is not in flight, and the
     * window (not its backoff) is what sets the rate the mirror offers.
     */
    void pause() {
        places.pause();
    }

    /** Takes a place again for a paused request's next attempt, before any request not yet started. */
    void resume() throws InterruptedException {
        places.resume();
    }

    /** A paused request that ends without resuming (interrupted while it waited). */
    void leave() {
        places.leave();
    }

    /** One attempt's answer: throttled (429, 503) or not. Called for every attempt, retries included. */
    synchronized void answered(boolean wasThrottled) {
        answers++;
        answered++;
        if (wasThrottled) {
            throttles++;
            throttled++;
        }
        if (settling > 0) {
            if (--settling == 0) {
                startRound();
            }
            return;
        }
        occupancy += places.inFlight();
        if (answered >= roundSize) {
            endRound();
        }
    }

    private void endRound() {
        long elapsed = Math.max(1, nanos.getAsLong() - roundStart);
        double goodput = (answered - throttled) * 1e9 / elapsed;
        double share = throttled / (double) answered;
        double current = window;
        // What the requests used of the window: less when backoffs, not the window, held them back, as under a rate
        // limit they do. Judged by the window alone, shrinking a window they did not fill would change nothing.
        double used = Math.min(current, occupancy / answered);
        if (throttled == 0) {
            grow();
        } else if (previousUsed > 0 && (int) previousUsed != (int) used && previousGoodput > 0) {
            double elasticity = (goodput / previousGoodput - 1) / (used / previousUsed - 1);
            if (elasticity >= USEFUL_ELASTICITY || !throttlingFollows(used, share)) {
                window = Math.max(current, previousWindow);
                grow(); // probe upwards; at the ceiling, stay there a while before probing downwards again
                hold = limit() == (int) current ? HOLD_ROUNDS : 0;
            } else {
                shrink(used);
            }
        } else if (hold > 0) {
            hold--;
        } else {
            shrink(used); // a probe: the next round tells whether the requests given up were worth anything
        }
        previousWindow = current;
        previousUsed = used;
        previousGoodput = goodput;
        previousShare = share;
        if (limit() != (int) current) {
            settling = places.inFlight(); // the next round starts with the first request sent under the new window
            places.limit(limit());
        }
        startRound();
    }

    /**
     * Whether the throttled share moved with the window as a rate limit makes it: with a limit of L requests in flight
     * worth, a window w sees {@code 1 - L/w} of its answers throttled, so the larger window's share predicts the
     * smaller's; random throttling keeps the same share at both. The observed share is judged nearer one or the other.
     * This keeps the window open when goodput does not follow it for another reason (a client short of CPU).
     */
    private boolean throttlingFollows(double used, double share) {
        boolean grew = used > previousUsed;
        double bigWindow = grew ? used : previousUsed;
        double smallWindow = grew ? previousUsed : used;
        double bigShare = grew ? share : previousShare;
        double smallShare = grew ? previousShare : share;
        double ifRateLimited = Math.max(0, 1 - (1 - bigShare) * bigWindow / smallWindow);
        return smallShare < (bigShare + ifRateLimited) / 2;
    }

    private void grow() {
        window = Math.min(ceiling, window + Math.max(1, window / 8));
    }

    private void shrink(double from) {
        window = Math.max(floor, from * DECREASE);
        decreases++;
        lowest = Math.min(lowest, limit());
    }

    private void startRound() {
        roundStart = nanos.getAsLong();
        roundSize = Math.max(MIN_ROUND, ROUND_TRIPS * limit());
        answered = 0;
        throttled = 0;
        occupancy = 0;
    }

    private int limit() {
        return (int) window;
    }

    /** Requests allowed in flight now. */
    synchronized int window() {
        return limit();
    }

    synchronized int ceiling() {
        return ceiling;
    }

    /** The smallest the window has been. */
    synchronized int lowest() {
        return lowest;
    }

    /** The most requests underway at once, in flight or backing off: more than the window when backoffs paused. */
    int mostUnderway() {
        return places.mostUnderway();
    }

    /** Requests in flight now (holding a place). */
    int inFlight() {
        return places.inFlight();
    }

    synchronized long decreases() {
        return decreases;
    }

    synchronized long throttles() {
        return throttles;
    }

    synchronized long answers() {
        return answers;
    }
}
