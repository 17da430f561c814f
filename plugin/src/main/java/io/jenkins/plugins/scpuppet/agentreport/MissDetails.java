package io.jenkins.plugins.scpuppet.agentreport;

import java.util.List;

/**
 * A task's {@code missDetails}: what its {@link MissReason} found. Each part belongs to one reason only, which
 * {@link MissReader} checks; the others are empty or null.
 *
 * @param changes PARAMETERS_CHANGED only: sorted by parameter, at most {@link MissReader#MAX_CHANGES}
 * @param oldImplementation IMPLEMENTATION_CHANGED only, with {@code newImplementation}
 * @param problem TARGET_INVALID (why the target is unusable) or FORCED (what forced the run) only
 */
public record MissDetails(
        List<Change> changes, String oldImplementation, String newImplementation, String problem) {
    /** The agent's masked value of a sensitive parameter; the page shows it as masked. */
    public static final String MASKED = "***";

    /**
     * One changed parameter; a side is null when the parameter was added or removed.
     *
     * @param oldValue the report's {@code old}
     * @param newValue the report's {@code new}
     */
    public record Change(String parameter, String oldValue, String newValue) {}
}
