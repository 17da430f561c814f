package io.jenkins.plugins.scpuppet.engine;

/** Outcome of a whole run, with the process exit status the CLI uses for it. */
public enum RunOutcome {
    SUCCESS(0),
    TASK_FAILURES(1),
    INVALID_INPUT(2),
    CANCELLED(130);

    private final int exitStatus;

    RunOutcome(int exitStatus) {
        this.exitStatus = exitStatus;
    }

    public int exitStatus() {
        return exitStatus;
    }
}
