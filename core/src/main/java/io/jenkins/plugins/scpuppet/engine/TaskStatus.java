package io.jenkins.plugins.scpuppet.engine;

/** Final status of a task in a run. */
public enum TaskStatus {
    /** A valid stored target was reused; the task did not run. */
    CACHED,
    /** The task ran and succeeded. */
    EXECUTED,
    /** The task ran and failed (after its retries). */
    FAILED,
    /** The task did not run: a requirement failed, or the run was cancelled. */
    SKIPPED;

    public boolean succeeded() {
        return this == CACHED || this == EXECUTED;
    }
}
