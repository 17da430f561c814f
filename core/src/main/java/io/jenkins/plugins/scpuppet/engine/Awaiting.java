package io.jenkins.plugins.scpuppet.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Thrown by a task that started a long-running operation (a provision, a stack update) which is not done yet. The
 * engine frees the worker, keeps the task's named resources, and after {@link #delayMillis()} runs {@link #next()} on
 * a worker: the next poll. No thread waits in between. The step returns the task's result, or throws another
 * {@code Awaiting} to poll again.
 */
public final class Awaiting extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The rest of the task, run after the wait: one poll and whatever follows a settled operation. */
    @FunctionalInterface
    public interface Step {
        JsonNode run() throws Exception;
    }

    /** What follows a step's result (for example writing outputs after a provision). */
    @FunctionalInterface
    public interface Then {
        JsonNode apply(JsonNode result) throws Exception;
    }

    private final transient Step next;
    private final long delayMillis;

    public Awaiting(String what, long delayMillis, Step next) {
        super(what, null, false, false);
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delay must not be negative: " + delayMillis);
        }
        this.next = next;
        this.delayMillis = delayMillis;
    }

    public Step next() {
        return next;
    }

    public long delayMillis() {
        return delayMillis;
    }

    /**
     * Runs {@code first}, then {@code then} on its result, whether {@code first} finishes now or after waits: a wait
     * in {@code first} is rethrown with {@code then} chained after its next step.
     */
    public static JsonNode then(Step first, Then then) throws Exception {
        JsonNode result;
        try {
            result = first.run();
        } catch (Awaiting wait) {
            throw new Awaiting(wait.getMessage(), wait.delayMillis, () -> then(wait.next, then));
        }
        return then.apply(result);
    }
}
