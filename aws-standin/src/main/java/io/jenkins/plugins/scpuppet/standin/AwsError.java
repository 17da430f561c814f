package io.jenkins.plugins.scpuppet.standin;

/** An AWS error response: the code the SDK maps to an exception, a message and the HTTP status. */
public final class AwsError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final int status;

    public AwsError(String code, String message, int status) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    public AwsError(String code, String message) {
        this(code, message, 400);
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    static AwsError notFound(String what) {
        return new AwsError("ResourceNotFoundException", what + " not found");
    }
}
