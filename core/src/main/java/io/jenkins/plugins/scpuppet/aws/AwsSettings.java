package io.jenkins.plugins.scpuppet.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * How to reach AWS.
 *
 * @param endpoint endpoint override for every service (the sandbox stand-in, moto), or null for real AWS
 * @param credentials the caller's credentials: the default chain (environment, profile, web identity, instance role)
 *     unless given
 * @param puppetRole role path and name assumed in every account, as upstream does
 * @param maxAttempts SDK attempts per call, counting the first (throttling and 5xx are retried with backoff)
 * @param backoffBase first delay of the SDK's exponential backoff (with jitter); throttling uses twice this
 * @param pollInterval delay between polls of long-running operations (provisioning records, builds)
 */
public record AwsSettings(
        URI endpoint,
        AwsCredentialsProvider credentials,
        String puppetRole,
        int maxAttempts,
        Duration backoffBase,
        Duration callTimeout,
        Duration pollInterval,
        Duration pollTimeout) {

    public static final String DEFAULT_ROLE = "servicecatalog-puppet/PuppetRole";

    public static AwsSettings defaults() {
        return new AwsSettings(
                null,
                DefaultCredentialsProvider.builder().build(),
                DEFAULT_ROLE,
                5,
                Duration.ofMillis(100),
                Duration.ofMinutes(2),
                Duration.ofSeconds(5),
                Duration.ofMinutes(60));
    }

    public AwsSettings withEndpoint(URI value, AwsCredentialsProvider creds) {
        return new AwsSettings(
                value, creds, puppetRole, maxAttempts, backoffBase, callTimeout, pollInterval, pollTimeout);
    }

    public AwsSettings withTimings(Duration backoff, Duration poll) {
        return new AwsSettings(endpoint, credentials, puppetRole, maxAttempts, backoff, callTimeout, poll, pollTimeout);
    }

    /** The same settings assuming another role path and name in each account (bootstrap-spokes-in-ou). */
    public AwsSettings withRole(String role) {
        return new AwsSettings(
                endpoint, credentials, role, maxAttempts, backoffBase, callTimeout, pollInterval, pollTimeout);
    }

    public String roleArn(String accountId) {
        return "arn:aws:iam::" + accountId + ":role/" + puppetRole;
    }
}
