package io.jenkins.plugins.scpuppet.aws;

import static io.jenkins.plugins.scpuppet.aws.DemoStandIn.HUB;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scpuppet.standin.AwsStandIn;
import io.jenkins.plugins.scpuppet.standin.LatencyModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Against AWS nobody tells the client a key's rate limit: the default pacer learns it from throttling. The stand-in
 * limits each (account, region, service) key as AWS does and answers {@code ThrottlingException} beyond it; the client
 * is not told the limit. Most throttles come while the key learns, in its first second.
 */
class AdaptivePacingTest {
    private static final String REGION = "eu-west-1";
    private static final int THREADS = 16;
    private static final int CALLS_EACH = 25;
    /** 400 calls at 100 a second: the rate limit, not the client, sets the time (about 4 s). */
    private static final LatencyModel LIMIT_ONLY = new LatencyModel(2, 0, 0, 100, 10, System::nanoTime);

    @Test
    void shouldLearnAKeysRateFromThrottlingWithoutBeingToldIt() throws Exception {
        // Unpaced (CallPacer.UNLIMITED) the same calls drew 212 throttles in 526 attempts, and 11 threads' calls
        // failed once their attempts ran out (2026-12-04).
        Outcome adaptive = hammer();
        System.out.println("adaptive pacing, 400 calls at 100 a second: " + adaptive);

        assertThat(adaptive.failed).as("every call completes").isZero();
        assertThat(adaptive.throttled * 10)
                .as("throttled %d of %d attempts", adaptive.throttled, adaptive.attempts)
                .isLessThanOrEqualTo(adaptive.attempts);
        assertThat(adaptive.learnt)
                .as("the key was slowed down, to about its limit (one first cut to near nothing leaves it under half)")
                .hasEntrySatisfying(
                        HUB + "/" + REGION + "/servicecatalog",
                        rate -> assertThat(rate).isBetween(50.0, 150.0));
    }

    private record Outcome(long attempts, long throttled, long failed, java.util.Map<String, Double> learnt) {}

    /** Calls on one key from many threads, with the clients' own (default) pacer. */
    private static Outcome hammer() throws Exception {
        try (AwsStandIn standIn = DemoStandIn.start();
                AwsClients clients = DemoStandIn.clients(standIn)) {
            standIn.latencyModel(LIMIT_ONLY);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> calls = new ArrayList<>();
            try {
                for (int t = 0; t < THREADS; t++) {
                    calls.add(pool.submit(() -> {
                        for (int i = 0; i < CALLS_EACH; i++) {
                            clients.serviceCatalog(HUB, REGION).listPortfolios();
                        }
                        return null;
                    }));
                }
                long failed = 0;
                for (Future<?> f : calls) {
                    try {
                        f.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        failed++;
                    }
                }
                return new Outcome(
                        standIn.allowedCalls() + standIn.throttledCalls(),
                        standIn.throttledCalls(),
                        failed,
                        clients.pacer().learntRates());
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
