package io.jenkins.plugins.scpuppet.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The pacer on a fake clock: the slots it hands out keep every (account, region, service) under its rate, whatever
 * the arrival pattern. Counters only: no wall time is measured.
 */
class CallPacerTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldLetABurstGoAtOnceThenSpaceCallsAtTheRate() {
        AtomicLong now = new AtomicLong();
        CallPacer pacer = new CallPacer(10, 5, now::get);
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            waits.add(pacer.reserve("111111111111/eu-west-1/servicecatalog"));
        }
        assertThat(waits.subList(0, 5)).containsOnly(0L);
        assertThat(waits.subList(5, 8)).containsExactly(SECOND / 10, 2 * SECOND / 10, 3 * SECOND / 10);
        assertThat(pacer.reserve("111111111111/eu-west-2/servicecatalog"))
                .as("another region")
                .isZero();
        assertThat(pacer.reserve("222222222222/eu-west-1/servicecatalog"))
                .as("another account")
                .isZero();
        assertThat(pacer.reserve("111111111111/eu-west-1/ssm"))
                .as("another service")
                .isZero();
        assertThat(pacer.pacedCalls()).isEqualTo(3);
    }

    @Test
    void shouldPaceNothingWhenUnlimited() {
        assertThat(LongStream.range(0, 1000).map(i -> CallPacer.UNLIMITED.reserve("k")))
                .containsOnly(0L);
    }

    /** Fixed seeds, plus two fresh ones a run; the seed is in the test's name. */
    @TestFactory
    Stream<DynamicTest> shouldKeepEveryKeyUnderItsRateInAnyWindow() {
        Random fresh = new Random();
        return LongStream.concat(LongStream.of(1, 2, 3, 42, 2026), LongStream.of(fresh.nextLong(), fresh.nextLong()))
                .mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> checkWindows(seed)));
    }

    private static void checkWindows(long seed) {
        Random random = new Random(seed);
        double rate = 1 + random.nextInt(50);
        int burst = 1 + random.nextInt(40);
        AtomicLong now = new AtomicLong();
        CallPacer pacer = new CallPacer(rate, burst, now::get);
        Map<String, List<Long>> sent = new HashMap<>();
        String[] keys = {"a/eu-west-1/servicecatalog", "a/eu-west-1/ssm", "b/eu-west-1/servicecatalog"};
        for (int i = 0; i < 3000; i++) {
            now.addAndGet(
                    (long) (random.nextDouble() * random.nextDouble() * SECOND / rate)); // mostly faster than the rate
            String key = keys[random.nextInt(keys.length)];
            sent.computeIfAbsent(key, k -> new ArrayList<>()).add(now.get() + pacer.reserve(key));
        }
        sent.forEach((key, times) -> {
            times.sort(null);
            long window = SECOND;
            long allowed = burst + (long) Math.floor(rate * window / SECOND) + 1;
            int j = 0;
            for (int i = 0; i < times.size(); i++) {
                while (times.get(i) - times.get(j) >= window) {
                    j++;
                }
                assertThat(i - j + 1L)
                        .as("seed %d: calls to %s in one second at rate %.0f, burst %d", seed, key, rate, burst)
                        .isLessThanOrEqualTo(allowed);
            }
        });
    }
}
