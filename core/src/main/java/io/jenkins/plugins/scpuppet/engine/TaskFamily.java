package io.jenkins.plugins.scpuppet.engine;

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
}
