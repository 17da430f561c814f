package io.jenkins.plugins.scpuppet.agentreport;

import hudson.AbortException;

/**
 * The agent's run report broke the schema or a limit. An {@link AbortException}: the step fails with this message
 * alone, no stack trace, and the report is not stored.
 */
public final class InvalidReportException extends AbortException {
    private static final long serialVersionUID = 1L;
    private final String path;
    private final String problem;

    InvalidReportException(String path, String problem) {
        super("the agent's run report is invalid at " + path + ": " + problem);
        this.path = path;
        this.problem = problem;
    }

    /** Where, as {@code tasks[12].status}; {@code $} is the document itself. */
    public String path() {
        return path;
    }

    public String problem() {
        return problem;
    }
}
