package io.jenkins.plugins.scpuppet.steps;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Base of the puppet step executions: runs on a thread pool (never the CPS thread), resolves the context the same
 * way for every step, and hands one {@link #doRun} hook the workspace, log, environment and build.
 */
abstract class AgentStepExecution<T> extends SynchronousNonBlockingStepExecution<T> {
    private static final long serialVersionUID = 1L;

    AgentStepExecution(StepContext context) {
        super(context);
    }

    @Override
    protected final T run() throws Exception {
        StepContext c = getContext();
        FilePath workspace = c.get(FilePath.class);
        TaskListener listener = c.get(TaskListener.class);
        EnvVars env = c.get(EnvVars.class);
        Run<?, ?> run = c.get(Run.class);
        return doRun(workspace, listener, AgentAws.from(env, run == null ? null : run.getExternalizableId()), run);
    }

    protected abstract T doRun(FilePath workspace, TaskListener listener, AgentAws aws, Run<?, ?> run)
            throws Exception;
}
