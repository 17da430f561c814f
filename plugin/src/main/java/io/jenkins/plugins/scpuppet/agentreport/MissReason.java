package io.jenkins.plugins.scpuppet.agentreport;

/**
 * Why the engine ran a cacheable task instead of reusing its cached result (issue #22): the report's {@code
 * missReason}. The controller's own copy of the engine's names, so a report naming anything else is refused.
 */
public enum MissReason {
    NO_TARGET,
    CACHING_DISABLED,
    PARAMETERS_CHANGED,
    IMPLEMENTATION_CHANGED,
    TARGET_INVALID,
    PURGED,
    FORCED
}
