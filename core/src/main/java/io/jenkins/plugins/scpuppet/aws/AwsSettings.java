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
 * @param homeRegion the puppet account's home region: roles are assumed through STS there (null: not known yet, and
 *     assuming a role fails saying so)
 * @param stsEndpoints the home region's STS endpoint, or the global one when configured
 * @param session the name and source identity of the role sessions
 */
public record AwsSettings(
        URI endpoint,
        AwsCredentialsProvider credentials,
        String puppetRole,
        int maxAttempts,
        Duration backoffBase,
        Duration callTimeout,
        Duration pollInterval,
        Duration pollTimeout,
        String homeRegion,
        StsEndpoints stsEndpoints,
        RoleSession session) {

    public static final String DEFAULT_ROLE = "servicecatalog-puppet/PuppetRole";
    /** Sessions of commands that are not a run (bootstrap, config, cache); runs are named by {@link #forRun}. */
    public static final RoleSession DEFAULT_SESSION = RoleSession.named("servicecatalog-puppet");

    public static AwsSettings defaults() {
        return new AwsSettings(
                null,
                DefaultCredentialsProvider.builder().build(),
                DEFAULT_ROLE,
                5,
                Duration.ofMillis(100),
                Duration.ofMinutes(2),
                Duration.ofSeconds(5),
                Duration.ofMinutes(60),
                null,
                StsEndpoints.REGIONAL,
                DEFAULT_SESSION);
    }

    public AwsSettings withEndpoint(URI value, AwsCredentialsProvider creds) {
        return new AwsSettings(
                value,
                creds,
                puppetRole,
                maxAttempts,
                backoffBase,
                callTimeout,
                pollInterval,
                pollTimeout,
                homeRegion,
                stsEndpoints,
                session);
    }

    public AwsSettings withTimings(Duration backoff, Duration poll) {
        return new AwsSettings(
                endpoint,
                credentials,
                puppetRole,
                maxAttempts,
                backoff,
                callTimeout,
                poll,
                pollTimeout,
                homeRegion,
                stsEndpoints,
                session);
    }

    /**
     * The same settings assuming another role path and name in each account (bootstrap-spokes-in-ou), without a
     * source identity: such roles (OrganizationAccountAccessRole) trust only sts:AssumeRole, and STS refuses a
     * SourceIdentity that the trust policy does not allow with sts:SetSourceIdentity.
     */
    public AwsSettings withRole(String role) {
        return new AwsSettings(
                endpoint,
                credentials,
                role,
                maxAttempts,
                backoffBase,
                callTimeout,
                pollInterval,
                pollTimeout,
                homeRegion,
                stsEndpoints,
                session == null ? null : session.withoutSourceIdentity());
    }

    /** Roles assumed through STS in this region (the puppet account's home region). */
    public AwsSettings withHomeRegion(String region) {
        return new AwsSettings(
                endpoint,
                credentials,
                puppetRole,
                maxAttempts,
                backoffBase,
                callTimeout,
                pollInterval,
                pollTimeout,
                region,
                stsEndpoints,
                session);
    }

    public AwsSettings withStsEndpoints(StsEndpoints value) {
        return new AwsSettings(
                endpoint,
                credentials,
                puppetRole,
                maxAttempts,
                backoffBase,
                callTimeout,
                pollInterval,
                pollTimeout,
                homeRegion,
                value,
                session);
    }

    public AwsSettings withSession(RoleSession value) {
        return new AwsSettings(
                endpoint,
                credentials,
                puppetRole,
                maxAttempts,
                backoffBase,
                callTimeout,
                pollInterval,
                pollTimeout,
                homeRegion,
                stsEndpoints,
                value);
    }

    /**
     * The settings of one run: its sessions named {@code session} (no source identity when these settings send none),
     * the global STS endpoint when these settings or the run's config ask for it.
     */
    public AwsSettings forRun(RoleSession runSession, StsEndpoints configured) {
        RoleSession named = session.sourceIdentity() == null ? runSession.withoutSourceIdentity() : runSession;
        return withSession(named).withStsEndpoints(stsEndpoints.or(configured));
    }

    public String roleArn(String accountId) {
        return "arn:aws:iam::" + accountId + ":role/" + puppetRole;
    }
}
