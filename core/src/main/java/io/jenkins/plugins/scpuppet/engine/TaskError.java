package io.jenkins.plugins.scpuppet.engine;

/** Why a task attempt failed: a code (an AWS error code or exception type), a message, and whether to retry. */
public record TaskError(String code, String message, boolean retryable) {

    /** Default classification: {@link TaskException} speaks for itself, anything else is a non-retryable error. */
    public static TaskError classify(Throwable t) {
        if (t instanceof TaskException te) {
            return new TaskError(te.code(), te.getMessage(), te.retryable());
        }
        String message = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
        return new TaskError(t.getClass().getSimpleName(), message, false);
    }
}
