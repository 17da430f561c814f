package io.jenkins.plugins.scpuppet.standin;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * STS in awsQuery. AssumeRole hands out credentials whose access key ends in the role's account, which is how later
 * calls with them land in that account's state; it echoes the session name (in the assumed-role ARN) and the source
 * identity, as STS does.
 */
final class StsService implements QueryService {
    private final Iam iam;
    private final AssumeRoleAuthorizer assumeRoles;

    StsService(Iam iam) {
        this.iam = iam;
        this.assumeRoles = new AssumeRoleAuthorizer(iam);
    }

    @Override
    public String signingName() {
        return "sts";
    }

    @Override
    public String xmlNamespace() {
        return "https://sts.amazonaws.com/doc/2011-06-15/";
    }

    @Override
    public String handle(Caller c, String action, Map<String, String> p) {
        return switch (action) {
            case "AssumeRole" -> assumeRole(c, p);
            case "GetCallerIdentity" ->
                Xml.el("Arn", iam.callerIdentityArn(c))
                        + Xml.el("UserId", "AROASTANDIN:" + c.accountId())
                        + Xml.el("Account", c.accountId());
            default -> throw new AwsError("InvalidAction", "STS " + action + " is not implemented by the stand-in");
        };
    }

    private String assumeRole(Caller c, Map<String, String> p) {
        String arn = p.getOrDefault("RoleArn", "");
        String[] parts = arn.split(":");
        if (parts.length < 6 || !parts[4].matches("\\d{12}") || !parts[5].startsWith("role/")) {
            throw new AwsError("ValidationError", "RoleArn " + arn + " is not a role ARN");
        }
        String account = parts[4];
        String session = p.get("RoleSessionName");
        String sourceIdentity = p.get("SourceIdentity");
        checkSessionValue("roleSessionName", session);
        if (sourceIdentity != null) {
            checkSessionValue("sourceIdentity", sourceIdentity);
        }
        int seconds = durationSeconds(c, p.getOrDefault("DurationSeconds", "3600"));
        assumeRoles.authorize(c, arn, session, sourceIdentity);
        String random = Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
        String accessKeyId =
                "ASIA" + random.substring(0, Math.min(6, random.length())).toUpperCase(Locale.ROOT) + account;
        iam.sessionStarted(accessKeyId, arn, session, sourceIdentity);
        return "<Credentials>"
                + Xml.el("AccessKeyId", accessKeyId)
                + Xml.el("SecretAccessKey", "standin-secret-" + random)
                + Xml.el("SessionToken", "standin-session-token-" + random)
                + Xml.el(
                        "Expiration",
                        Instant.now().plus(seconds, ChronoUnit.SECONDS).toString())
                + "</Credentials><AssumedRoleUser>"
                // As STS names the session: the sts service, the role's name without its path.
                + Xml.el(
                        "Arn",
                        "arn:" + parts[1] + ":sts::" + account + ":assumed-role/"
                                + parts[5].substring(parts[5].lastIndexOf('/') + 1) + "/" + session)
                + Xml.el("AssumedRoleId", "AROA:" + account)
                + "</AssumedRoleUser>"
                + (sourceIdentity == null ? "" : Xml.el("SourceIdentity", sourceIdentity));
    }

    /**
     * DurationSeconds: at least 900, and at most the role's MaxSessionDuration, which the stand-in takes as the
     * default hour (stricter than a role configured for longer); a session's credentials assuming another role (role
     * chaining) never get more than an hour whatever the role says (STS API reference, AssumeRole).
     */
    private static int durationSeconds(Caller c, String value) {
        int seconds;
        try {
            seconds = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new AwsError("ValidationError", "DurationSeconds '" + value + "' is not a number");
        }
        if (seconds < 900) {
            throw new AwsError(
                    "ValidationError",
                    "1 validation error detected: Value '" + seconds + "' at 'durationSeconds' failed to satisfy"
                            + " constraint: Member must have value greater than or equal to 900");
        }
        if (seconds > 3600) {
            throw new AwsError(
                    "ValidationError",
                    c.accessKeyId() != null && c.accessKeyId().startsWith("ASIA")
                            ? "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role"
                                    + " chaining."
                            : "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        return seconds;
    }

    /**
     * RoleSessionName (required) and SourceIdentity take 2 to 64 characters of [\w+=,.@-] (STS API reference,
     * AssumeRole); STS refuses anything else with a ValidationError.
     */
    private static void checkSessionValue(String member, String value) {
        if (value == null || !value.matches("[\\w+=,.@-]{2,64}")) {
            throw new AwsError(
                    "ValidationError",
                    "1 validation error detected: Value '" + value + "' at '" + member
                            + "' failed to satisfy constraint: Member must have length between 2 and 64 and satisfy"
                            + " regular expression pattern: [\\w+=,.@-]*");
        }
    }
}
