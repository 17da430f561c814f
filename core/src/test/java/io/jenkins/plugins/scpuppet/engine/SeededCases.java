package io.jenkins.plugins.scpuppet.engine;

import java.security.SecureRandom;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Seeded randomized cases for JUnit 5: fixed seeds so CI always checks the same inputs, plus a few fresh seeds per
 * run so new inputs get tried. A failure names its seed; {@code -Dpuppet.seed=N} reruns only that seed.
 */
final class SeededCases {

    /** One randomized case, drawing all its input from the given generator. */
    @FunctionalInterface
    interface Case {
        void check(Random random) throws Exception;
    }

    static final int FRESH_SEEDS = 3;
    private static final long FIRST_FIXED_SEED = 20_260_101L;

    private SeededCases() {}

    /**
     * One dynamic test per seed, each running {@code casesPerSeed} cases from one generator, so
     * {@code fixedSeeds * casesPerSeed} cases run on every build and {@link #FRESH_SEEDS} more seeds on top.
     */
    static Stream<DynamicTest> of(int fixedSeeds, int casesPerSeed, Case body) {
        String pinned = System.getProperty("puppet.seed");
        LongStream seeds = pinned != null
                ? LongStream.of(Long.parseLong(pinned.trim()))
                : LongStream.concat(
                        LongStream.range(0, fixedSeeds).map(i -> FIRST_FIXED_SEED + i),
                        new SecureRandom().longs(FRESH_SEEDS));
        return seeds.boxed().map(seed -> DynamicTest.dynamicTest("seed " + seed, () -> run(seed, casesPerSeed, body)));
    }

    private static void run(long seed, int cases, Case body) throws Exception {
        Random random = new Random(seed);
        for (int i = 0; i < cases; i++) {
            try {
                body.check(random);
            } catch (AssertionError | Exception e) {
                throw new AssertionError(
                        "seed " + seed + ", case " + i + " (rerun with -Dpuppet.seed=" + seed + "): " + e.getMessage(),
                        e);
            }
        }
    }
}
