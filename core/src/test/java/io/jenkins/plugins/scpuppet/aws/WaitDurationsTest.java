package io.jenkins.plugins.scpuppet.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the poller learns from past waits: the lower quartile of recent ones, per kind, in bounded memory. */
class WaitDurationsTest {
    private final WaitDurations durations = new WaitDurations();

    @Test
    void shouldGiveNoEstimateUntilAFewWaitsOfTheKindEnded() {
        durations.record("provision/prod-1", 2000, 2000);
        durations.record("provision/prod-1", 2000, 2000);
        assertThat(durations.estimateMillis("provision/prod-1")).isEmpty();
        durations.record("provision/prod-1", 2000, 2000);
        assertThat(durations.estimateMillis("provision/prod-1")).hasValue(2000);
        assertThat(durations.estimateMillis("update/prod-2")).isEmpty();
        assertThat(durations.estimateMillis(null)).isEmpty();
    }

    @Test
    void shouldSampleTheMiddleOfTheLastGapAndEstimateTheLowerQuartile() {
        // Ended between 1,900 and 2,100 ms: sampled at 2,000.
        for (long done : new long[] {2100, 2100, 2100, 2100, 2100, 2100}) {
            durations.record("stack created/s", done - 200, done);
        }
        durations.record("stack created/s", 9000, 9000); // one slow wait does not move the estimate
        durations.record("stack created/s", 100, 100);
        durations.record("stack created/s", 100, 100);
        assertThat(durations.estimateMillis("stack created/s")).hasValue(2000);
    }

    @Test
    void shouldFallBackToTheFamilyWhenTheKindHasTooFewWaits() {
        for (int i = 0; i < 3; i++) {
            durations.record("provision/launch-0 v1", 1500, 1500);
        }
        assertThat(durations.estimateMillis("provision/launch-1 v1")).hasValue(1500);
        assertThat(durations.estimateMillis("update/launch-1 v1")).isEmpty();
        assertThat(WaitDurations.family("stack created/associations-*")).isEqualTo("stack created");
    }

    @Test
    void shouldKeepOnlyTheLastSamplesOfAKind() {
        for (int i = 0; i < WaitDurations.KEPT; i++) {
            durations.record("k", 10_000, 10_000);
        }
        for (int i = 0; i < WaitDurations.KEPT; i++) {
            durations.record("k", 500, 500);
        }
        assertThat(durations.estimateMillis("k")).hasValue(500);
    }

    @Test
    void shouldStopLearningNewKindsAtTheCap() {
        for (int k = 0; k < WaitDurations.MAX_KINDS + 10; k++) {
            for (int i = 0; i < WaitDurations.MIN_SAMPLES; i++) {
                durations.record("family " + k, 1000, 1000);
            }
        }
        assertThat(durations.estimateMillis("family " + (WaitDurations.MAX_KINDS - 1)))
                .hasValue(1000);
        assertThat(durations.estimateMillis("family " + WaitDurations.MAX_KINDS))
                .isEmpty();
    }
}
