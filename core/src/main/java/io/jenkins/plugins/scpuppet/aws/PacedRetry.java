package io.jenkins.plugins.scpuppet.aws;

import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * A key's retry strategy that tells the pacer in force how the key's calls fare: each throttled attempt and each
 * answer (a success or another error of the service), so that an adaptive pacer learns the key's rate ({@link
 * KeyRate}). Retrying itself is the wrapped strategy's.
 */
final class PacedRetry implements RetryStrategy {
    private final RetryStrategy retry;
    private final AtomicReference<CallPacer> pacer;
    private final String key;

    PacedRetry(RetryStrategy retry, AtomicReference<CallPacer> pacer, String key) {
        this.retry = retry;
        this.pacer = pacer;
        this.key = key;
    }

    @Override
    public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
        return retry.acquireInitialToken(request);
    }

    @Override
    public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
        if (request.failure() instanceof SdkServiceException e) {
            if (e.isThrottlingException()) {
                pacer.get().throttled(key);
            } else {
                pacer.get().answered(key); // an error answer (no such stack, no updates): the service took the call
            }
        }
        return retry.refreshRetryToken(request);
    }

    @Override
    public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
        pacer.get().answered(key);
        return retry.recordSuccess(request);
    }

    @Override
    public int maxAttempts() {
        return retry.maxAttempts();
    }

    /** Not needed: the SDK rebuilds only its own default strategies, and this one is configured whole. */
    @Override
    public Builder<?, ?> toBuilder() {
        throw new UnsupportedOperationException("build a new PacedRetry instead");
    }
}
