package hudson;

import java.io.IOException;

/** Shim of core's AbortException: fails a build with a message and no stack trace. */
public class AbortException extends IOException {
    private static final long serialVersionUID = 1L;

    public AbortException(String message) {
        super(message);
    }
}
