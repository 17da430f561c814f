package io.jenkins.plugins.scpuppet.aws;

import java.util.regex.Pattern;

/**
 * How role sessions are named: the RoleSessionName of every AssumeRole (shown in CloudTrail and in the assumed-role
 * ARN) and its SourceIdentity (kept by AWS across chained sessions; null when not sent). Both take 2 to 64 characters
 * of {@code [\w+=,.@-]} (STS AssumeRole API reference), so names made from a run are sanitised to that.
 */
public record RoleSession(String name, String sourceIdentity) {
    static final int MIN = 2;
    static final int MAX = 64;
    private static final Pattern VALID = Pattern.compile("[\\w+=,.@-]{" + MIN + "," + MAX + "}");
    private static final Pattern INVALID_CHAR = Pattern.compile("[^\\w+=,.@-]");

    public RoleSession {
        check("role session name", name);
        if (sourceIdentity != null) {
            check("source identity", sourceIdentity);
        }
    }

    /** A session named {@code value} (sanitised), with the same value as its source identity. */
    public static RoleSession named(String value) {
        String name = sanitise(value);
        return new RoleSession(name, name);
    }

    /** A CLI run: {@code puppet-<runId>}. */
    public static RoleSession forRun(String runId) {
        return named("puppet-" + runId);
    }

    /**
     * A Jenkins build: {@code <job>-<build>}, the job's full name sanitised ({@code team/deploy} becomes {@code
     * team-deploy}) and shortened from its start when needed, so the build number always survives.
     */
    public static RoleSession forBuild(String job, String build) {
        String suffix = "-" + clean(build);
        String prefix = clean(job);
        int room = MAX - suffix.length();
        if (prefix.length() > room) {
            prefix = prefix.substring(prefix.length() - room);
        }
        return named(prefix + suffix);
    }

    /** The same session name, no source identity sent (for callers whose own session already carries one). */
    public RoleSession withoutSourceIdentity() {
        return new RoleSession(name, null);
    }

    /** Every character outside {@code [\w+=,.@-]} becomes '-', then the value is cut to 64 or padded to 2. */
    static String sanitise(String raw) {
        String s = clean(raw);
        if (s.length() > MAX) {
            s = s.substring(0, MAX);
        }
        return s.length() >= MIN ? s : (s + "--").substring(0, MIN);
    }

    private static String clean(String raw) {
        return INVALID_CHAR.matcher(raw == null ? "" : raw).replaceAll("-");
    }

    private static void check(String what, String value) {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    what + " '" + value + "' must be " + MIN + " to " + MAX + " characters of [\\w+=,.@-]");
        }
    }
}
