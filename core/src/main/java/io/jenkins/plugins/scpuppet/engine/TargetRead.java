package io.jenkins.plugins.scpuppet.engine;

import com.fasterxml.jackson.databind.JsonNode;

/** Outcome of looking up a stored target. */
public sealed interface TargetRead {

    /**
     * A valid target for exactly this task and implementation version.
     *
     * @param executedMillis how long the run that wrote it took: what the hit saves
     */
    record Hit(JsonNode result, String resultSha256, long executedMillis) implements TargetRead {}

    /** No target file. */
    record Missing() implements TargetRead {}

    /**
     * A file exists but cannot be used (corrupt, truncated, stale); the task runs again and overwrites it.
     *
     * @param miss why, as the run report names it (changed parameters, implementation version or the problem)
     */
    record Invalid(String reason, CacheMiss miss) implements TargetRead {
        Invalid(String reason) {
            this(reason, CacheMiss.targetInvalid(reason));
        }
    }
}
