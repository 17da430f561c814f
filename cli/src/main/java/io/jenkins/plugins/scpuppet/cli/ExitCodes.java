package io.jenkins.plugins.scpuppet.cli;

/** The CLI's documented exit statuses (README and docs/user-guide.md). */
final class ExitCodes {
    static final int OK = 0;
    static final int TASK_FAILURES = 1;
    static final int BAD_INPUT = 2;
    static final int AWS_UNREACHABLE = 3;
    /** {@code cache save} only: another build for the account and region held the lease; nothing was written. */
    static final int CACHE_BUSY = 4;

    static final int CANCELLED = 130;

    private ExitCodes() {}
}
