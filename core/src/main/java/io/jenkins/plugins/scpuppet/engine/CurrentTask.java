package io.jenkins.plugins.scpuppet.engine;

/**
 * The task a worker thread is running, polls included, so that what it calls (an SDK interceptor, a benchmark's
 * counters) can say whose call it is, and whether the step has sent anything yet. Null outside a task.
 */
public final class CurrentTask {
    /** One step of a task on this thread: a task's work, or the poll and what follows it. */
    private static final class Step {
        final TaskKey key;
        boolean untouched = true;

        Step(TaskKey key) {
            this.key = key;
        }
    }

    private static final ThreadLocal<Step> STEP = new ThreadLocal<>();

    private CurrentTask() {}

    public static TaskKey get() {
        Step step = STEP.get();
        return step == null ? null : step.key;
    }

    /**
     * True while the step running on this thread has sent no request: running it again from the start then repeats
     * nothing, and it may throw {@link RestartLater}. False outside a task.
     */
    public static boolean stepUntouched() {
        Step step = STEP.get();
        return step != null && step.untouched;
    }

    /** The step on this thread has sent a request (an AWS call): it must not restart from the start to wait. */
    public static void touched() {
        Step step = STEP.get();
        if (step != null) {
            step.untouched = false;
        }
    }

    /** A worker starts a step of the task (null: it ended). */
    static void set(TaskKey key) {
        if (key == null) {
            STEP.remove();
        } else {
            STEP.set(new Step(key));
        }
    }
}
