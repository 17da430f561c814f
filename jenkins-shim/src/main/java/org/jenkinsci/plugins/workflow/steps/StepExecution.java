package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

/** Shim of workflow-step-api's StepExecution. */
public abstract class StepExecution implements Serializable {
    protected StepExecution(StepContext context) {}

    public StepContext getContext() {
        throw new UnsupportedOperationException("shim");
    }

    public abstract boolean start() throws Exception;

    public void stop(Throwable cause) throws Exception {}

    public void onResume() {}
}
