package io.jenkins.plugins.scpuppet.aws;

import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A chain of roles (bootstrap-spoke-as): each role is assumed with the credentials of the one before, starting from
 * the caller's, and the last one's credentials act as the caller from then on. The sessions are named as the settings
 * say, without a source identity: chained roles such as OrganizationAccountAccessRole trust only sts:AssumeRole.
 */
public final class RoleChain {
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

    private RoleChain() {}

    /** What is wrong with a role ARN, or null when nothing is (for callers that report usage errors). */
    public static String problem(String arn) {
        return arn != null && ROLE_ARN.matcher(arn).matches()
                ? null
                : "'" + arn
                        + "' is not an IAM role ARN such as arn:aws:iam::111111111111:role/OrganizationAccountAccessRole";
    }

    /** The account of a valid role ARN. */
    public static String account(String arn) {
        return arn.split(":")[4];
    }

    /**
     * Settings whose caller is the last role of the chain. Each hop's credentials last an hour (STS's default for
     * chained sessions, which may not be longer), enough for one bootstrap.
     */
    public static AwsSettings through(AwsSettings settings, List<String> roleArns) {
        if (roleArns.isEmpty()) {
            throw new IllegalArgumentException("a role chain needs at least one role ARN");
        }
        String region = settings.stsEndpoints().clientRegion(settings.homeRegion(), settings.endpoint() != null);
        AwsCredentialsProvider credentials = settings.credentials();
        for (String arn : roleArns) {
            String problem = problem(arn);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            AwsCredentialsProvider previous = credentials;
            // Closing an SDK client closes its provider: this one must not close the caller's.
            AwsCredentialsProvider unclosed = previous::resolveCredentials;
            StsClientBuilder b = StsClient.builder().region(Region.of(region)).credentialsProvider(unclosed);
            if (settings.endpoint() != null) {
                b.endpointOverride(settings.endpoint());
            }
            try (StsClient sts = b.build()) {
                Credentials c = sts.assumeRole(r -> r.roleArn(arn)
                                .roleSessionName(settings.session().name())
                                .durationSeconds(3600))
                        .credentials();
                credentials = StaticCredentialsProvider.create(
                        AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
            }
        }
        return settings.withEndpoint(settings.endpoint(), credentials);
    }
}
