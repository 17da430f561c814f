package io.jenkins.plugins.scpuppet.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.scpuppet.launches.DryRunTable;
import io.jenkins.plugins.scpuppet.ui.PuppetRunAction;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Runs the deploy callable on the agent, stores the run report in the build folder (not in build.xml), attaches it to
 * the build's action, and turns the outcome into a result: exit 1 fails the build (or marks it unstable), 130 means
 * the run was aborted; a failed cache save marks it unstable (or fails it). Keeps only immutable settings, never the
 * step.
 */
final class PuppetDeployStepExecution extends AgentStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;
    private final DeploySettings settings;
    private final boolean unstableOnFailure;
    /** Absent from executions persisted before it existed: they read false, the default. */
    private final boolean failOnCacheSaveError;
    /** Here, not in {@link DeploySettings} (see there); executions persisted before it existed read false. */
    private final boolean rerun;

    PuppetDeployStepExecution(
            StepContext context,
            DeploySettings settings,
            boolean unstableOnFailure,
            boolean failOnCacheSaveError,
            boolean rerun) {
        super(context);
        this.settings = settings;
        this.unstableOnFailure = unstableOnFailure;
        this.failOnCacheSaveError = failOnCacheSaveError;
        this.rerun = rerun;
    }

    @Override
    protected Map<String, Object> doRun(FilePath workspace, TaskListener listener, AgentAws aws, Run<?, ?> run)
            throws Exception {
        DeployOutcome outcome = workspace.act(callable(aws, listener, run.getExternalizableId()));
        String stored = PuppetRunAction.record(run, settings.manifest(), outcome.reportJson());
        if (unstable(outcome, stored)) {
            String why = outcome.cacheSaveWarning() != null ? outcome.cacheSaveWarning() : outcome.summaryLine();
            listener.getLogger().println("[puppet] build marked UNSTABLE: " + why);
            getContext().setResult(Result.UNSTABLE);
        }
        return outcome.asStepResult(stored, dryRunResults(outcome));
    }

    /**
     * The build's result for an outcome: true marks it unstable, false leaves it as it is, and an exception fails or
     * aborts it. The run's own status comes first (130 aborts; task failures fail, or mark unstable); then a failed
     * cache save marks the build unstable, or fails it with {@code failOnCacheSaveError}. The worse of the two wins.
     */
    boolean unstable(DeployOutcome outcome, String stored) throws AbortException, InterruptedException {
        boolean unstable = false;
        switch (outcome.exitStatus()) {
            case 0 -> {}
            case 130 -> throw new InterruptedException("puppetDeploy was aborted: " + outcome.summaryLine());
            default -> {
                if (!unstableOnFailure) {
                    throw new AbortException("puppetDeploy: " + outcome.summaryLine() + "; see " + stored);
                }
                unstable = true;
            }
        }
        if (outcome.cacheSaveWarning() != null) {
            if (failOnCacheSaveError) {
                throw new AbortException("puppetDeploy: " + outcome.cacheSaveWarning()
                        + " (failOnCacheSaveError: true); the deploy: " + outcome.summaryLine() + "; see " + stored);
            }
            unstable = true;
        }
        return unstable;
    }

    /** The dry-run table's rows from the agent, checked; null when this was not a dry run. */
    static List<Map<String, String>> dryRunResults(DeployOutcome outcome) throws AbortException {
        return outcome.dryRunRows() == null
                ? null
                : AgentRows.maps("puppetDeploy", outcome.dryRunRows(), DryRunTable.HEADING);
    }

    /** What travels to the agent; {@code owner} names the build in the cache lease. */
    DeployCallable callable(AgentAws aws, TaskListener listener, String owner) {
        return new DeployCallable(settings, aws, listener, owner, rerun);
    }

}
