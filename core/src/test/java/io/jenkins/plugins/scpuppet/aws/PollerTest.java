package io.jenkins.plugins.scpuppet.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.jenkins.plugins.scpuppet.engine.Awaiting;
import io.jenkins.plugins.scpuppet.engine.TaskException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
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
