package io.jenkins.plugins.scpuppet.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The rate limit on a virtual clock. */
class TokenBucketTest {
    private long now;

    @Test
    void shouldLetThroughTheRateAndABurstOfATenthOfASecond() {
        TokenBucket bucket = new TokenBucket(100, () -> now);
        int burst = 0;
        while (bucket.take()) {
            burst++;
        }
        assertThat(burst).isEqualTo(10);
        int passed = 0;
        for (int ms = 0; ms < 1000; ms++) { // a request every 0.1 ms for one second: 10,000 offered
            for (int i = 0; i < 10; i++) {
                now += 100_000;
                if (bucket.take()) {
                    passed++;
                }
            }
        }
        assertThat(passed).isBetween(99, 101);
    }

    @Test
    void shouldRefuseARateThatIsNotPositive() {
        assertThatThrownBy(() -> new TokenBucket(0, () -> now)).hasMessageContaining("above 0");
    }
}
