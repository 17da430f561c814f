package io.jenkins.plugins.scpuppet.engine;

/**
 * The task a worker thread is running, polls included, so that what it calls (an SDK interceptor, a benchmark's
 * counters) can say whose call it is. Null outside a task.
 */
public final class CurrentTask {
    private static final ThreadLocal<TaskKey> KEY = new ThreadLocal<>();

    private CurrentTask() {}

    public static TaskKey get() {
        return KEY.get();
    }

    static void set(TaskKey key) {
        if (key == null) {
            KEY.remove();
        } else {
            KEY.set(key);
        }
    }
}
