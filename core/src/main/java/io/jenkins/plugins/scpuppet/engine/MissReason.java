package io.jenkins.plugins.scpuppet.engine;

import java.util.Locale;

/** Why a cacheable task ran instead of reusing its target (docs/run-report.md, "Miss reasons"). */
public enum MissReason {
    NO_TARGET,
    CACHING_DISABLED,
    PARAMETERS_CHANGED,
    IMPLEMENTATION_CHANGED,
    TARGET_INVALID,
    PURGED,
    FORCED;

    /** Lower-case words for summaries, e.g. {@code parameters changed}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
