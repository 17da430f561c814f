package io.jenkins.plugins.scpuppet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RunClockTest {
    private static final long HOUR = 3_600_000L;

    /** The system clock stepped an hour forward, then two back, mid-run: the run's times follow the monotonic clock. */
    @Test
    void shouldIgnoreStepsOfTheWallClockAfterTheStart() {
        AtomicLong wall = new AtomicLong(1_700_000_000_000L);
        AtomicLong nanos = new AtomicLong(42);
        RunClock clock = new RunClock(wall::get, nanos::get);

        nanos.addAndGet(250_000_000L);
        wall.addAndGet(HOUR);
        assertThat(clock.millis() - clock.startedAtMillis()).isEqualTo(250);

        nanos.addAndGet(1_000_000_000L);
        wall.addAndGet(-2 * HOUR);
        assertThat(clock.millis() - clock.startedAtMillis()).isEqualTo(1_250);
        assertThat(clock.startedAtMillis()).isEqualTo(1_700_000_000_000L);
    }
}
