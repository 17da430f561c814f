package io.jenkins.plugins.scpuppet.aws;

import io.jenkins.plugins.scpuppet.mirror.ThrottleSignal;
import java.time.Duration;
import java.util.function.Predicate;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * The S3 client's retry strategy: the SDK's standard strategy (its AWS retry conditions, full-jitter exponential
 * backoff, a longer backoff for throttling), with more attempts for throttling than for other errors and without the
 * retry token bucket.
 *
 * <ul>
 *   <li>Throttling is {@code 503 SlowDown}, a 429 or 503 from any S3-compatible store, or what the SDK calls
 *       throttling. Each throttled attempt backs off (base twice the normal one, at most {@link
 *       #THROTTLE_CAP_BASES} base delays, or {@link #PACED_THROTTLE_CAP_BASES} for a mirror transfer). This only
 *       spaces one request's attempts: the rate the mirror offers is set by its AIMD window ({@code
 *       mirror.AdaptiveWindow}), which hears of every throttled attempt, retries included, through {@code
 *       mirror.ThrottleSignal} and narrows when throttling follows the rate.
 *   <li>Up to {@link #THROTTLED_ATTEMPTS} attempts when throttled, as many as the settings allow for other errors: at
 *       30% SlowDown, 5 attempts lose one request in 400 (0.3^5), so a save of 10,000 objects failed every time.
 *   <li>The backoff of a mirror transfer is waited out through {@code mirror.ThrottleSignal}, which gives up the
 *       request's place in the window meanwhile: a request waiting to retry is not in flight, and holding its place
 *       would leave the window's rate unused (at 30% SlowDown, about half of it). Other callers' backoffs the SDK
 *       sleeps as usual. Either way the wait happens on the calling thread and ends when it is interrupted.
 *   <li>No token bucket: the standard one (500 tokens, 5 per retry of any kind, 1 back per success) runs dry in a
 *       throttling storm and then fails every call at once, whatever its attempts.
 * </ul>
 */
final class ThrottleTolerantRetry implements RetryStrategy {
    /** 0.3^20 ≈ 3.5e-11 per request at 30% SlowDown; at the cap, a storm of about a minute is outlasted. */
    static final int THROTTLED_ATTEMPTS = 20;

    /** The longest throttling backoff, in base delays: 5 s with the default 100 ms. */
    static final int THROTTLE_CAP_BASES = 50;

    /**
     * The longest throttling backoff of a request the mirror's window paces, in base delays: 1 s with the default. The
     * window sets that request's rate, so its backoff only spaces its own attempts; and a run's time is at least its
     * unluckiest request's: at a random 30% one request in 10,000 is throttled 7-8 times in a row, about 10 s of
     * backoff with the 5 s cap (a 10,000-target save took 25 s for 7 s without faults), about 3 s with this one.
     */
    static final int PACED_THROTTLE_CAP_BASES = 10;

    static final Predicate<Throwable> THROTTLING = t -> t instanceof SdkServiceException e
            && (e.isThrottlingException() || e.statusCode() == 429 || e.statusCode() == 503);

    private final StandardRetryStrategy sdk;
    private final BackoffStrategy pacedThrottling;
    private final int otherAttempts;

    ThrottleTolerantRetry(int otherAttempts, Duration backoffBase) {
        this.otherAttempts = otherAttempts;
        this.sdk = AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(Math.max(THROTTLED_ATTEMPTS, otherAttempts))
                .circuitBreakerEnabled(false)
                .treatAsThrottling(THROTTLING)
                .backoffStrategy(BackoffStrategy.exponentialDelay(backoffBase, Duration.ofSeconds(20)))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(
                        backoffBase.multipliedBy(2), backoffBase.multipliedBy(THROTTLE_CAP_BASES)))
                .build();
        this.pacedThrottling = BackoffStrategy.exponentialDelay(
                backoffBase.multipliedBy(2), backoffBase.multipliedBy(PACED_THROTTLE_CAP_BASES));
    }

    /** The SDK's token and the attempts made so far. */
    private record Token(RetryToken sdk, int attempts) implements RetryToken {}

    @Override
    public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
        AcquireInitialTokenResponse r = sdk.acquireInitialToken(request);
        return AcquireInitialTokenResponse.create(new Token(r.token(), 1), r.delay());
    }

    @Override
    public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
        Token token = (Token) request.token();
        if (!THROTTLING.test(request.failure()) && token.attempts() >= otherAttempts) {
            throw new TokenAcquisitionFailedException(
                    "Request will not be retried: " + token.attempts() + " attempts made, and the last failure is not"
                            + " throttling",
                    token,
                    request.failure());
        }
        RefreshRetryTokenRequest.Builder inner =
                RefreshRetryTokenRequest.builder().token(token.sdk()).failure(request.failure());
        request.suggestedDelay().ifPresent(inner::suggestedDelay);
        RefreshRetryTokenResponse r = sdk.refreshRetryToken(inner.build());
        // The SDK sleeps the delay right after this returns, on this thread (RetryableStage of sync clients, 2.40.2): a
        // mirror transfer waits it out here instead, outside its window, and the SDK then sleeps what is handed back.
        Duration delay = r.delay();
        if (THROTTLING.test(request.failure()) && ThrottleSignal.listening()) {
            Duration paced =
                    pacedThrottling.computeDelay(token.attempts() + 1); // the attempt to come, as the SDK counts
            delay = request.suggestedDelay().filter(d -> d.compareTo(paced) > 0).orElse(paced); // Retry-After wins
        }
        Duration rest = ThrottleSignal.waitOut(delay);
        return RefreshRetryTokenResponse.create(new Token(r.token(), token.attempts() + 1), rest);
    }

    @Override
    public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
        Token token = (Token) request.token();
        RecordSuccessResponse r = sdk.recordSuccess(RecordSuccessRequest.create(token.sdk()));
        return RecordSuccessResponse.create(new Token(r.token(), token.attempts()));
    }

    @Override
    public int maxAttempts() {
        return sdk.maxAttempts();
    }

    /** Not needed: the SDK rebuilds only its own default strategies, and this one is configured whole. */
    @Override
    public Builder<?, ?> toBuilder() {
        throw new UnsupportedOperationException("build a new ThrottleTolerantRetry instead");
    }
}
