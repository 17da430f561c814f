package io.jenkins.plugins.scpuppet.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.scpuppet.engine.TaskError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * What the SDK and the run's error classifier make of the stand-in's AccessDenied answers: the service's own
 * exception with the AWS error code, sent once (the SDK does not retry it) and not retryable by the engine.
 */
class AccessDeniedTest extends StandInTest {
    private static final String SPOKE = "222222222222";

    @Test
    void shouldFailOnceWithTheServicesCodeAndNotBeRetried() {
        standIn.iam()
                .setRolePolicies(
                        SPOKE,
                        "PuppetRole",
                        Map.of(
                                "only-catalog",
                                "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"servicecatalog:*\","
                                        + "\"Resource\":\"*\"}]}"),
                        List.of());

        AwsServiceException ssm = catchThrowableOfType(
                () -> clients.ssm(SPOKE, "eu-west-1").getParameter(r -> r.name("/x")), AwsServiceException.class);
        AwsServiceException cfn = catchThrowableOfType(
                () -> clients.cloudFormation(SPOKE, "eu-west-1").describeStacks(r -> r.stackName("s")),
                AwsServiceException.class);

        assertThat(ssm.statusCode()).isEqualTo(400);
        assertThat(ssm.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        assertThat(cfn.statusCode()).isEqualTo(403);
        assertThat(cfn.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        TaskError classified = AwsErrors.classify(cfn);
        assertThat(classified.retryable()).isFalse();
        assertThat(classified.message())
                .startsWith("User: arn:aws:sts::" + SPOKE + ":assumed-role/PuppetRole/") // then the session name
                .endsWith(" is not authorized to perform: cloudformation:DescribeStacks on resource:"
                        + " arn:aws:cloudformation:eu-west-1:" + SPOKE + ":stack/s/* because no identity-based policy"
                        + " allows the cloudformation:DescribeStacks action");
        assertThat(AwsErrors.classify(ssm).retryable()).isFalse();
        assertThat(clients.sdkRetries()).isZero();
    }
}
