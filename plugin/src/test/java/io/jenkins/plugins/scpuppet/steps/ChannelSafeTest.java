package io.jenkins.plugins.scpuppet.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.jenkins.plugins.scpuppet.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** What the callables let cross back to the controller: only Jenkins-permitted exceptions, made from a message. */
class ChannelSafeTest {
    private final BuildLog log = new BuildLog(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), List.of("AKIAEXAMPLEKEY1234"));

    private Throwable thrownBy(Throwable failure) {
        return org.assertj.core.api.Assertions.catchThrowable(() -> ChannelSafe.call(log, () -> {
            if (failure instanceof Exception e) {
                throw e;
            }
            throw (Error) failure;
        }));
    }

    @Test
    void shouldTurnAnAwsErrorIntoAnAbortWithItsMessageAndNoSdkObject() {
        S3Exception denied = (S3Exception) S3Exception.builder()
                .message("Access Denied for AKIAEXAMPLEKEY1234")
                .statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").serviceName("S3").build())
                .cause(SdkClientException.create("inner"))
                .build();

        assertThat(thrownBy(denied))
                .isExactlyInstanceOf(AbortException.class)
                .hasNoCause()
                .hasMessage("S3Exception: Access Denied for **** (Service: S3, Status Code: 403, Request ID: null)");
    }

    @Test
    void shouldKeepBadInputMessagesAsTheyAre() {
        assertThat(thrownBy(new ConfigException("is_caching_enabled takes True or False, got 'maybe'")))
                .isExactlyInstanceOf(AbortException.class)
                .hasMessage("is_caching_enabled takes True or False, got 'maybe'");
        AbortException withCause = new AbortException("manifest not found: m.yaml");
        withCause.initCause(SdkClientException.create("not to be sent"));
        assertThat(thrownBy(withCause)).isExactlyInstanceOf(AbortException.class).hasNoCause();
    }

    @Test
    void shouldKeepAnInterruptAnInterrupt() {
        InterruptedException interrupted = new InterruptedException("stopped");
        interrupted.initCause(SdkClientException.create("aborted"));

        assertThat(thrownBy(interrupted))
                .isExactlyInstanceOf(InterruptedException.class)
                .hasNoCause()
                .hasMessage("stopped");
        assertThat(thrownBy(AbortedException.create("Thread was interrupted")))
                .isExactlyInstanceOf(InterruptedException.class)
                .hasMessage("Thread was interrupted");
    }

    @Test
    void shouldKeepIoFailuresAsPlainIoExceptionsWithTheirStackTrace() {
        FileAlreadyExistsException exists = new FileAlreadyExistsException("/ws/.puppet-cache");
        Throwable out = thrownBy(exists);

        assertThat(out).isExactlyInstanceOf(IOException.class).hasNoCause()
                .hasMessage("FileAlreadyExistsException: /ws/.puppet-cache");
        assertThat(out.getStackTrace()).isEqualTo(exists.getStackTrace());
        assertThat(thrownBy(new NoClassDefFoundError("software/amazon/awssdk/Foo")))
                .isExactlyInstanceOf(IOException.class)
                .hasNoCause()
                .hasMessage("NoClassDefFoundError: software/amazon/awssdk/Foo");
    }

    @Test
    void shouldPassResultsThrough() throws Exception {
        assertThat(ChannelSafe.call(log, () -> 42)).isEqualTo(42);
        assertThatThrownBy(() -> ChannelSafe.call(log, () -> {
                    throw new IllegalStateException(null, null);
                }))
                .isExactlyInstanceOf(AbortException.class)
                .hasMessage("IllegalStateException: null");
    }
}
