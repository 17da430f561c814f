package io.jenkins.plugins.scpuppet.engine;

import java.util.function.LongSupplier;

/**
 * A run's timeline: the wall clock read once, when the run starts, then advanced by the monotonic clock. A step of the
 * system clock during a run (an NTP correction, a virtual machine resumed) then changes no duration of the run or of
 * its tasks and no order of their timestamps; one such step made a benchmark's 64 s run report 78 s.
 */
final class RunClock {
    private final long startedAtMillis;
    private final long startedNanos;
    private final LongSupplier nanos;

    RunClock(LongSupplier wallMillis, LongSupplier nanos) {
        this.nanos = nanos;
        this.startedNanos = nanos.getAsLong();
        this.startedAtMillis = wallMillis.getAsLong();
    }

    static RunClock system() {
        return new RunClock(System::currentTimeMillis, System::nanoTime);
    }

    long startedAtMillis() {
        return startedAtMillis;
    }

    /** Now, in epoch milliseconds on the run's timeline. */
    long millis() {
        return startedAtMillis + (nanos.getAsLong() - startedNanos) / 1_000_000;
    }
}
