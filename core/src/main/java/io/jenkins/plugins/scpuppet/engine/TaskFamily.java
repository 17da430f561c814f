package io.jenkins.plugins.scpuppet.engine;

import java.util.Set;

/**
 * The type of a task: its name, whether its result may be reused across runs, and the version of its implementation.
 *
 * <p>Bumping {@link #implementationVersion()} invalidates every stored target of the family, so a changed
 * implementation never reuses a result computed by the old one.
 */
public interface TaskFamily {

    /** Family name, used in target paths and reports; letters and digits only. */
    String name();

    /** Whether a valid stored target of this family counts as a cache hit. */
    boolean cacheable();

    /** Version of the task implementation; part of every stored target. */
    default int implementationVersion() {
        return 1;
    }

    /**
     * The significant parameters that name a target's file, or null for all of them. A family that names its file by
     * fewer keeps one target per slot: when another parameter changes, the task's old target is found and read, and
     * the miss names the change (PARAMETERS_CHANGED) instead of there being no target at all.
     */
    default Set<String> pathParameters() {
        return null;
    }
}
