package io.jenkins.plugins.scpuppet.engine;

/**
 * Thrown from inside a task's step that has sent nothing yet ({@link CurrentTask#stepUntouched()}) to give its worker
 * back: the engine keeps the task's named resources, as it does for a poll ({@link Awaiting}), and runs the same step
 * again after the delay. A pacer that must wait seconds for a busy key's next call slot throws it, so that tasks queued
 * on one key do not hold the workers that calls to other keys need.
 */
public final class RestartLater extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long delayMillis;

    public RestartLater(String why, long delayMillis) {
        super(why, null, false, false);
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delay must not be negative: " + delayMillis);
        }
        this.delayMillis = delayMillis;
    }

    public long delayMillis() {
        return delayMillis;
    }
}
