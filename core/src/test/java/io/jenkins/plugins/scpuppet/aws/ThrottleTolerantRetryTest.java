package io.jenkins.plugins.scpuppet.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scpuppet.mirror.RecordedBackoffs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RetryToken;

/**
 * The throttling backoff's cap, computed and not slept: a mirror transfer's throttled retries wait at most 1 s (the
 * window paces it, and a run lasts as long as its unluckiest request), other S3 calls' at most 5 s. The delays are
 * jittered, so each test draws many requests' worth of them.
 */
class ThrottleTolerantRetryTest {
    private static final Duration BASE = AwsSettings.defaults().backoffBase(); // 100 ms, what the CLI uses
    private static final int REQUESTS = 300;
    private static final SdkServiceException SLOW_DOWN =
            SdkServiceException.builder().statusCode(503).message("SlowDown").build();

    @Test
    void shouldCapAMirrorTransfersThrottlingBackoffAtOneSecond() {
        List<Duration> longest = longestPerRetry(true);
        assertThat(longest).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(1)));
        assertGrowsUpTo(longest, Duration.ofSeconds(1));
    }

    @Test
    void shouldCapOtherCallsThrottlingBackoffAtFiveSeconds() {
        List<Duration> longest = longestPerRetry(false);
        assertThat(longest).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(5)));
        assertGrowsUpTo(longest, Duration.ofSeconds(5));
    }

    /** Early retries wait little; later ones come close to the cap (full jitter: any delay up to it). */
    private static void assertGrowsUpTo(List<Duration> longest, Duration cap) {
        assertThat(longest.get(0)).isLessThanOrEqualTo(BASE.multipliedBy(2));
        assertThat(longest.get(longest.size() - 1))
                .isGreaterThan(cap.multipliedBy(9).dividedBy(10));
        assertThat(longest.get(1)).isGreaterThan(longest.get(0));
    }

    /**
     * For each retry of a throttled call (attempts 2 to 20), the longest backoff drawn over {@link #REQUESTS} calls:
     * waited out through the mirror's signal when {@code transfer}, else handed to the SDK to sleep.
     */
    private static List<Duration> longestPerRetry(boolean transfer) {
        ThrottleTolerantRetry retry =
                new ThrottleTolerantRetry(AwsSettings.defaults().maxAttempts(), BASE);
        List<Duration> longest = new ArrayList<>();
        for (int request = 0; request < REQUESTS; request++) {
            List<Duration> delays = new ArrayList<>();
            List<Duration> waited = new ArrayList<>();
            Runnable call = () -> {
                RetryToken token = retry.acquireInitialToken(AcquireInitialTokenRequest.create("s3"))
                        .token();
                for (int attempt = 1; attempt < ThrottleTolerantRetry.THROTTLED_ATTEMPTS; attempt++) {
                    int before = waited.size();
                    var response = retry.refreshRetryToken(RefreshRetryTokenRequest.builder()
                            .token(token)
                            .failure(SLOW_DOWN)
                            .build());
                    if (waited.size() > before) { // waited out by the transfer: the SDK has nothing left to sleep
                        assertThat(response.delay()).isZero();
                        delays.add(waited.get(before));
                    } else {
                        delays.add(response.delay());
                    }
                    token = response.token();
                }
            };
            if (transfer) {
                RecordedBackoffs.into(waited, call);
                assertThat(waited).isNotEmpty();
            } else {
                call.run();
                assertThat(waited).isEmpty();
            }
            assertThat(delays).hasSize(ThrottleTolerantRetry.THROTTLED_ATTEMPTS - 1);
            for (int i = 0; i < delays.size(); i++) {
                if (longest.size() <= i) {
                    longest.add(Duration.ZERO);
                }
                if (delays.get(i).compareTo(longest.get(i)) > 0) {
                    longest.set(i, delays.get(i));
                }
            }
        }
        return longest;
    }
}
