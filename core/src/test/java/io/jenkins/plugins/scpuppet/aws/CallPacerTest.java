package io.jenkins.plugins.scpuppet.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.jenkins.plugins.scpuppet.engine.CurrentTask;
import io.jenkins.plugins.scpuppet.engine.Engine;
import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.RunOptions;
import io.jenkins.plugins.scpuppet.engine.RunOutcome;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import io.jenkins.plugins.scpuppet.tasks.PuppetFamily;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pacer on a fake clock: the slots it hands out keep every (account, region, service) under its rate, whatever
 * the arrival pattern. Counters only: no wall time is measured, but for one run on the real clock.
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

    /**
     * In a run with one worker, tasks queued on a busy key give the worker back while they wait for their slot, so a
     * task calling another key runs before them, and no slot is taken twice. Real time: the busy key's six calls take about a second.
     */
    @Test
    void shouldGiveTheWorkerBackWhileATaskWaitsForItsSlot(@TempDir Path cache) throws Exception {
        CallPacer pacer = new CallPacer(5, 1);
        long interval = SECOND / 5;
        List<String> done = new CopyOnWriteArrayList<>();
        List<Long> busyCalls = new CopyOnWriteArrayList<>();
        List<TaskSpec> roots = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            roots.add(call(pacer, "busy-" + i, "111111111111/eu-west-1/servicecatalog", done, busyCalls));
        }
        roots.add(call(pacer, "other", "222222222222/eu-west-1/servicecatalog", done, new ArrayList<>()));

        RunSummary summary =
                Engine.run(roots, RunOptions.defaults(cache).withWorkers(1).withCaching(false), RunListener.NONE);

        assertThat(summary.outcome()).isEqualTo(RunOutcome.SUCCESS);
        assertThat(done.indexOf("other"))
                .as("where the other key's task finished, in %s", done)
                .isLessThan(done.size() - 1);
        assertThat(pacer.restarts()).as("calls that gave the worker back").isPositive();
        assertThat(busyCalls).hasSize(6);
        List<Long> sorted = new ArrayList<>(busyCalls);
        sorted.sort(null);
        for (int i = 1; i < sorted.size(); i++) {
            // Taken after the pacer let the call go, so a few ms of noise: a slot used twice would show a gap near 0.
            assertThat(sorted.get(i) - sorted.get(i - 1))
                    .as("gap between busy calls %d and %d", i - 1, i)
                    .isGreaterThan(interval / 2);
        }
    }

    /** A task whose step makes one paced call to {@code key}, then records when it went and that it finished. */
    private static TaskSpec call(CallPacer pacer, String name, String key, List<String> done, List<Long> sentAt) {
        return TaskSpec.builder(PuppetFamily.GetSSMParamTask)
                .param("name", name)
                .work(ctx -> {
                    pacer.acquireFirst(key);
                    CurrentTask.touched();
                    sentAt.add(System.nanoTime());
                    done.add(name);
                    return JsonNodeFactory.instance.objectNode();
                })
                .build();
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
