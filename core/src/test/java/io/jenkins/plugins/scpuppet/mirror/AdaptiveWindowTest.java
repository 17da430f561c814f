package io.jenkins.plugins.scpuppet.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The window's controller against simulated servers on a virtual clock: a client that always has work keeps the window
 * full, every request takes about one round trip, and a throttled request is sent again. No real time passes.
 */
class AdaptiveWindowTest {
    static final long RTT = 50_000_000L; // 50 ms, as in issue #19's latency benchmark
    static final long SECONDS = 60;
    static final int CEILING = 64;

    /** Decides, when a request arrives at the virtual time {@code now}, whether it is throttled. */
    interface Server {
        boolean throttles(long now);
    }

    /** S3 per prefix: a token bucket of {@code rate} requests per second, holding at most 100 ms of them. */
    static Server rateLimited(double rate) {
        return new Server() {
            double tokens = rate / 10;
            long last;

            @Override
            public boolean throttles(long now) {
                tokens = Math.min(rate / 10, tokens + (now - last) * rate / 1e9);
                last = now;
                if (tokens >= 1) {
                    tokens--;
                    return false;
                }
                return true;
            }
        };
    }

    /** Issue #19's fault model: a share of requests answered SlowDown whatever the rate. */
    static Server randomly(double share, Random random) {
        return now -> random.nextDouble() < share;
    }

    /** What a simulated run measured. */
    record Run(double goodput, double throttledShare, double meanWindow, AdaptiveWindow window) {}

    static Run simulate(Server server, long seed) {
        return simulate(server, seed, Double.POSITIVE_INFINITY);
    }

    /**
     * With a finite {@code clientRate}, the client itself can finish only that many requests a second (short of CPU,
     * as on a loaded machine): goodput then stops following the window whatever the server does.
     */
    static Run simulate(Server server, long seed, double clientRate) {
        Random jitter = new Random(seed);
        long[] now = {0};
        AdaptiveWindow window = new AdaptiveWindow(2, CEILING, () -> now[0]);
        PriorityQueue<long[]> inFlight = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        long end = SECONDS * 1_000_000_000L;
        long good = 0;
        long sent = 0;
        long throttled = 0;
        double windowTime = 0;
        long clientFree = 0;
        while (now[0] < end) {
            while (window.tryAcquire()) {
                boolean refused = server.throttles(now[0]);
                long rtt = RTT + (long) ((jitter.nextDouble() - 0.5) * RTT / 5); // +-10%
                long done = Math.max(now[0] + rtt, clientFree + (long) (1e9 / clientRate));
                clientFree = Double.isInfinite(clientRate) ? 0 : done;
                inFlight.add(new long[] {done, refused ? 1 : 0});
                sent++;
            }
            long[] next = inFlight.poll();
            windowTime += (double) window.window() * (next[0] - now[0]);
            now[0] = next[0];
            boolean refused = next[1] == 1;
            window.answered(refused);
            window.release();
            if (refused) {
                throttled++;
            } else {
                good++;
            }
        }
        return new Run(good / (double) SECONDS, throttled / (double) sent, windowTime / now[0], window);
    }

    @Test
    void underARateLimitThrottlesFallToASmallShareAndGoodputStaysNearTheLimit() {
        for (double rate : new double[] {200, 400, 800}) {
            long seed = new Random().nextLong();
            Run run = simulate(rateLimited(rate), seed);
            String context = "rate " + rate + "/s, seed " + seed + ": " + run;
            // A window held at 64 sends 1,280 requests a second: 84%, 69% and 37% of them would be throttled.
            assertThat(run.throttledShare()).as(context).isLessThan(0.15);
            assertThat(run.goodput()).as(context).isGreaterThan(0.9 * rate);
            assertThat(run.window().lowest()).as(context).isLessThan(CEILING);
        }
    }

    @Test
    void underRandomThrottlingTheWindowStaysNearTheCeiling() {
        long seed = new Random().nextLong();
        Run run = simulate(randomly(0.3, new Random(seed)), seed);
        String context = "seed " + seed + ": " + run;
        assertThat(run.meanWindow()).as(context).isGreaterThan(0.9 * CEILING);
        double full = 0.7 * CEILING * 1e9 / RTT; // the goodput of a window held at the ceiling
        assertThat(run.goodput()).as(context).isGreaterThan(0.9 * full);
        assertThat(run.throttledShare()).as(context).isBetween(0.27, 0.33);
    }

    @Test
    void underRandomThrottlingTheWindowStaysOpenWhenTheClientIsShortOfCpu() {
        long seed = new Random().nextLong();
        // The client finishes 300 requests a second whatever the window: goodput does not follow it, but the throttled
        // share does not either, so this is not a rate limit.
        Run run = simulate(randomly(0.3, new Random(seed)), seed, 300);
        String context = "seed " + seed + ": " + run;
        assertThat(run.meanWindow()).as(context).isGreaterThan(0.8 * CEILING);
    }

    @Test
    void aServerThatNeverThrottlesKeepsTheCeiling() {
        Run run = simulate(now -> false, 1);
        assertThat(run.meanWindow()).isEqualTo(CEILING);
        assertThat(run.window().decreases()).isZero();
    }

    @Test
    void aStormThatEndsLetsTheWindowGrowBack() {
        long[] stormEnds = {20_000_000_000L};
        Server rate = rateLimited(100);
        Run run = simulate(now -> now < stormEnds[0] && rate.throttles(now), 3);
        assertThat(run.window().lowest()).isLessThan(10);
        assertThat(run.window().window()).isEqualTo(CEILING);
    }
}
