package io.jenkins.plugins.scpuppet.cli;

/** The CLI's documented exit statuses (README and docs/user-guide.md). */
final class ExitCodes {
    static final int OK = 0;
    static final int TASK_FAILURES = 1;
    static final int BAD_INPUT = 2;
    static final int AWS_UNREACHABLE = 3;
    /** {@code cache save} only: another build for the account and region held the lease; nothing was written. */
    static final int CACHE_BUSY = 4;
    /**
     * {@code deploy} only: the run succeeded, but the cache save after it failed (the warning says why); the reports
     * are written. Any other status of the run beats this one.
     */
    static final int CACHE_NOT_SAVED = 5;

    /**
     * {@code cache restore} and {@code deploy}: the bucket's cache is not authenticated (no index, an unsigned one, or
     * a MAC that fails); nothing was restored and, for deploy, no task ran.
     */
    static final int CACHE_REFUSED = 6;

    /**
     * {@code release-spoke} and {@code uninstall}: provisioned products launched through the PuppetRole (or, for
     * uninstall, cache objects) still depend on what would be deleted; nothing was deleted. {@code --force} overrides.
     */
    static final int STILL_IN_USE = 7;

    static final int CANCELLED = 130;

    private ExitCodes() {}
}
