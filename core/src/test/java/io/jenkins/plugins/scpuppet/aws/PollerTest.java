package io.jenkins.plugins.scpuppet.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.jenkins.plugins.scpuppet.engine.Awaiting;
import io.jenkins.plugins.scpuppet.engine.TaskException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The poller inside a run: no sleeping, one Awaiting per poll, delays growing to four intervals with jitter. */
class PollerTest {
    private final Poller poller = new Poller(Duration.ofMillis(100), Duration.ofMinutes(1), false);

    @Test
    void shouldWaitBeforeTheFirstCheckThenPollUntilTheOperationSettles() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        Awaiting.Step step = () -> poller.settle(
                "record r-1",
                () -> checks.incrementAndGet() >= 3 ? "SUCCEEDED" : null,
                settled -> JsonNodeFactory.instance.objectNode().put("status", settled));
        int waits = 0;
        JsonNode result = null;
        while (result == null) {
            try {
                result = step.run();
            } catch (Awaiting wait) {
                waits++;
                assertThat(wait.getMessage()).isEqualTo("record r-1");
                step = wait.next();
            }
        }
        assertThat(checks.get()).isEqualTo(3);
        assertThat(waits).isEqualTo(3);
        assertThat(result.path("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void shouldPollAWaitOfAKnownKindFirstWhenMostOfItsKindHadEnded() throws Exception {
        AtomicLong clock = new AtomicLong();
        Poller learning = new Poller(Duration.ofMillis(100), Duration.ofMinutes(1), false, clock::get);
        // Three provisions of one product, each done 2 s after it started, found by the growing interval.
        for (int i = 0; i < 3; i++) {
            long start = clock.get();
            runToEnd(
                    learning, "provision/p-1", clock, () -> clock.get() - start >= 2_000_000_000L ? "SUCCEEDED" : null);
        }
        long start = clock.get();
        Awaiting first = assertThrows(
                Awaiting.class,
                () -> learning.settle(
                        "provision/p-1",
                        "record r-4",
                        () -> clock.get() - start >= 2_000_000_000L ? "SUCCEEDED" : null,
                        settled -> JsonNodeFactory.instance.objectNode()));
        // Within the jitter below what the earlier waits took (each sampled in the middle of its last gap).
        assertThat(first.delayMillis()).isBetween(1_600L, 2_100L);
        // Another kind, never seen: the usual first delay.
        Awaiting other =
                assertThrows(Awaiting.class, () -> learning.settle("update/p-2", "record r-5", () -> null, s -> null));
        assertThat(other.delayMillis()).isBetween(50L, 100L);
    }

    /** Runs one wait to its end on the fake clock, advancing it by each delay; returns the number of checks. */
    private static int runToEnd(Poller poller, String kind, AtomicLong clock, java.util.function.Supplier<String> check)
            throws Exception {
        AtomicInteger checks = new AtomicInteger();
        Awaiting.Step step = () -> poller.settle(
                kind,
                "record",
                () -> {
                    checks.incrementAndGet();
                    return check.get();
                },
                settled -> JsonNodeFactory.instance.objectNode());
        while (true) {
            try {
                step.run();
                return checks.get();
            } catch (Awaiting wait) {
                clock.addAndGet(wait.delayMillis() * 1_000_000L);
                step = wait.next();
            }
        }
    }

    @Test
    void shouldPollALongWaitAboutEverySixteenthOfItsAge() throws Exception {
        AtomicLong clock = new AtomicLong();
        Poller poller = new Poller(Duration.ofMillis(100), Duration.ofHours(1), false, clock::get);
        long start = clock.get();
        // A 20-minute provision: on the interval's schedule alone (at most 400 ms apart) it would take 3,000 polls.
        int checks = runToEnd(
                poller, "provision/long", clock, () -> clock.get() - start >= 1_200_000_000_000L ? "OK" : null);
        assertThat(checks).isBetween(20, 200);
        assertThat((clock.get() - start) / 1_000_000L)
                .as("found done at most about 6%% late")
                .isLessThan(1_280_000L);
    }

    @Test
    void shouldKeepDelaysBetweenHalfAndAllOfAnIntervalDoublingToFour() {
        for (int poll = 1; poll <= 6; poll++) {
            long ceiling = 100L << Math.min(2, poll - 1);
            for (int i = 0; i < 200; i++) {
                assertThat(poller.delayMillis(poll)).isBetween(ceiling / 2, ceiling);
            }
        }
    }

    @Test
    void shouldGiveUpRetryablyAfterTheTimeout() {
        Poller impatient = new Poller(Duration.ofMillis(1), Duration.ZERO, false);
        assertThatThrownBy(() -> {
                    try {
                        impatient.settle("stack s", () -> null, x -> JsonNodeFactory.instance.objectNode());
                    } catch (Awaiting first) {
                        first.next().run();
                    }
                })
                .isInstanceOf(TaskException.class)
                .hasMessageContaining("stack s did not finish");
    }
}
