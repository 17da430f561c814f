package io.jenkins.plugins.scpuppet.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.scpuppet.ui.PuppetRunAction;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Runs the deploy callable on the agent, stores the run report in the build folder (not in build.xml), attaches it to
 * the build's action, and turns the outcome into a result: exit 1 fails the build (or marks it unstable), 130 means
 * the run was aborted. Keeps only immutable settings, never the step.
 */
final class PuppetDeployStepExecution extends AgentStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;
    private final DeploySettings settings;
    private final boolean unstableOnFailure;

    PuppetDeployStepExecution(StepContext context, DeploySettings settings, boolean unstableOnFailure) {
        super(context);
        this.settings = settings;
        this.unstableOnFailure = unstableOnFailure;
    }

    @Override
    protected Map<String, Object> doRun(FilePath workspace, TaskListener listener, AgentAws aws, Run<?, ?> run)
            throws Exception {
        DeployOutcome outcome = workspace.act(callable(aws, listener, run.getExternalizableId()));
        String stored = PuppetRunAction.record(run, settings.manifest(), outcome.reportJson());
        switch (outcome.exitStatus()) {
            case 0 -> {}
            case 130 -> throw new InterruptedException("puppetDeploy was aborted: " + outcome.summaryLine());
            default -> {
                if (!unstableOnFailure) {
                    throw new AbortException("puppetDeploy: " + outcome.summaryLine() + "; see " + stored);
                }
                getContext().setResult(Result.UNSTABLE);
            }
        }
        return outcome.asStepResult(stored);
    }

    /** What travels to the agent; {@code owner} names the build in the cache lease. */
    DeployCallable callable(AgentAws aws, TaskListener listener, String owner) {
        return new DeployCallable(settings, aws, listener, owner);
    }

}
