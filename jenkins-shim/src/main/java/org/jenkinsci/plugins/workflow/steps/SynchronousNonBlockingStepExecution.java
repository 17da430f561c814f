package org.jenkinsci.plugins.workflow.steps;

/** Shim of workflow-step-api's SynchronousNonBlockingStepExecution: run() on a thread pool, never the CPS thread. */
public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
    protected SynchronousNonBlockingStepExecution(StepContext context) {
        super(context);
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        throw new UnsupportedOperationException("shim");
    }

    @Override
    public void stop(Throwable cause) throws Exception {}

    @Override
    public void onResume() {}
}
