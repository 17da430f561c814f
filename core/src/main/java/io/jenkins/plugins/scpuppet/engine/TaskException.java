package io.jenkins.plugins.scpuppet.engine;

/** A task failure with a machine-readable code, optionally worth retrying (throttling, 5xx). */
public class TaskException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final boolean retryable;

    public TaskException(String code, String message, boolean retryable) {
        this(code, message, retryable, null);
    }

    public TaskException(String code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
