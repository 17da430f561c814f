package io.jenkins.plugins.scpuppet.steps;

import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code puppetPurgeCache(task: 'ShareAndAcceptPortfolioTask(account_id=...', withDependents: true, dryRun: true)}
 * or {@code puppetPurgeCache(stale: true)}:
 * for the purge job. Without {@code task} the whole cache goes; with it, the task and everything that depends on it
 * in the last run's graph. Returns the number of objects deleted (or that would be).
 */
public class PuppetPurgeCacheStep extends Step {
    private String task;
    private boolean withDependents = true;
    private boolean dryRun;
    private boolean stale;
    private String homeRegion;

    @DataBoundConstructor
    public PuppetPurgeCacheStep() {}

    public String getTask() {
        return task;
    }

    @DataBoundSetter
    public void setTask(String task) {
        this.task = task;
    }

    public boolean isWithDependents() {
        return withDependents;
    }

    @DataBoundSetter
    public void setWithDependents(boolean withDependents) {
        this.withDependents = withDependents;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public boolean isStale() {
        return stale;
    }

    /** Only the cached targets no task of the manifest uses any more (by the graph of the last successful deploy). */
    @DataBoundSetter
    public void setStale(boolean stale) {
        this.stale = stale;
    }

    public String getHomeRegion() {
        return homeRegion;
    }

    @DataBoundSetter
    public void setHomeRegion(String homeRegion) {
        this.homeRegion = homeRegion;
    }

    @Override
    public StepExecution start(StepContext context) {
        if (stale && task != null && !task.isBlank()) {
            throw new IllegalArgumentException("puppetPurgeCache: stale and task do not go together; choose one");
        }
        return new Execution(
                context, new PurgeCallable(task, withDependents, dryRun, stale, homeRegion, null, null));
    }

    /** Runs the purge on the agent. */
    static final class Execution extends AgentStepExecution<Integer> {
        private static final long serialVersionUID = 1L;
        private final PurgeCallable template;

        Execution(StepContext context, PurgeCallable template) {
            super(context);
            this.template = template;
        }

        @Override
        protected Integer doRun(FilePath workspace, TaskListener listener, AgentAws aws, Run<?, ?> run)
                throws Exception {
            return workspace.act(callable(aws, listener));
        }

        /** What travels to the agent. */
        PurgeCallable callable(AgentAws aws, TaskListener listener) {
            return template.with(aws, listener);
        }
    }

    /** The step's descriptor. */
    @Extension
    @Symbol("puppetPurgeCache")
    public static class DescriptorImpl extends PuppetStepDescriptor {
        public DescriptorImpl() {
            super("puppetPurgeCache", "Purge the Service Catalog puppet cache");
        }
    }
}
