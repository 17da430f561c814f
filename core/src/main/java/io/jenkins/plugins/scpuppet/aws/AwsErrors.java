package io.jenkins.plugins.scpuppet.aws;

import io.jenkins.plugins.scpuppet.engine.TaskError;
import io.jenkins.plugins.scpuppet.engine.TaskException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The run's error classifier for AWS work: a task fails with the AWS error code and message; throttling, 5xx and
 * network errors that outlived the SDK's own retries are retryable by the engine.
 */
public final class AwsErrors {
    private AwsErrors() {}

    public static TaskError classify(Throwable t) {
        if (t instanceof TaskException) {
            return TaskError.classify(t);
        }
        if (t instanceof AwsServiceException e && e.awsErrorDetails() != null) {
            boolean retryable = e.isThrottlingException() || e.statusCode() >= 500;
            String message = e.awsErrorDetails().errorMessage();
            return new TaskError(
                    e.awsErrorDetails().errorCode(), message == null ? e.getMessage() : message, retryable);
        }
        if (t instanceof SdkClientException e) {
            return new TaskError("SdkClientException", e.getMessage(), true);
        }
        return TaskError.classify(t);
    }

    /** True when an AWS error means the thing is already gone or was never there. */
    static boolean isNotFound(Throwable t) {
        return t instanceof AwsServiceException e
                && e.awsErrorDetails() != null
                && (e.awsErrorDetails().errorCode().contains("NotFound")
                        || (e.awsErrorDetails().errorCode().equals("ValidationError")
                                && String.valueOf(e.awsErrorDetails().errorMessage())
                                        .contains("does not exist")));
    }
}
