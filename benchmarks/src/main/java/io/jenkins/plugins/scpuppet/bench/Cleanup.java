package io.jenkins.plugins.scpuppet.bench;

/**
 * Clean-up that never hides the error it follows: a failing clean-up step is added to that error as suppressed (a plain
 * {@code finally} would throw the clean-up's error instead, and the cause of the failure would be lost).
 */
final class Cleanup {
    interface Step {
        void run() throws Exception;
    }

    private Cleanup() {}

    /** Runs {@code body}, then {@code cleanup} whatever happened; throws the body's error first. */
    static void after(Step body, Step cleanup) throws Exception {
        all(body, cleanup);
    }

    /**
     * Runs every step, each even when one before it failed, and throws the first failure (errors included) with the
     * later ones suppressed.
     */
    static void all(Step... steps) throws Exception {
        Throwable first = null;
        for (Step step : steps) {
            try {
                step.run();
            } catch (Throwable t) { // NoClassDefFoundError too: a close that cannot load a class
                if (first == null) {
                    first = t;
                } else if (first != t) {
                    first.addSuppressed(t);
                }
            }
        }
        if (first instanceof Exception e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
        if (first != null) {
            throw new IllegalStateException(first);
        }
    }
}
