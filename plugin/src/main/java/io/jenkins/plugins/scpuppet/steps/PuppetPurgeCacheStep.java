package io.jenkins.plugins.scpuppet.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.mirror.CacheBucket;
import io.jenkins.plugins.scpuppet.mirror.CacheMirror;
import io.jenkins.plugins.scpuppet.mirror.MirrorOptions;
import io.jenkins.plugins.scpuppet.mirror.MirrorResult;
import io.jenkins.plugins.scpuppet.mirror.S3Store;
import java.io.File;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;
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
            return workspace.act(template.with(aws, listener));
        }
    }

    /** The purge, where the credentials are. */
    static final class PurgeCallable extends MasterToSlaveFileCallable<Integer> {
        private static final long serialVersionUID = 1L;
        private final String task;
        private final boolean withDependents;
        private final boolean dryRun;
        private final boolean stale;
        private final String homeRegion;
        private final AgentAws aws;
        private final TaskListener listener;

        PurgeCallable(String task, boolean withDependents, boolean dryRun, boolean stale, String homeRegion,
                AgentAws aws, TaskListener listener) {
            this.task = task;
            this.withDependents = withDependents;
            this.dryRun = dryRun;
            this.stale = stale;
            this.homeRegion = homeRegion;
            this.aws = aws;
            this.listener = listener;
        }

        PurgeCallable with(AgentAws agentAws, TaskListener log) {
            return new PurgeCallable(task, withDependents, dryRun, stale, homeRegion, agentAws, log);
        }

        @Override
        public Integer invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
            String region = aws.region(homeRegion);
            try (AwsClients clients = aws.clients(region)) {
                CacheBucket bucket = CacheBucket.of(clients.callerAccount(region), region);
                try (CacheMirror mirror = new CacheMirror(new S3Store(clients.s3(region), bucket),
                        MirrorOptions.DEFAULT, Clock.systemUTC())) {
                    MirrorResult r;
                    if (stale) {
                        r = mirror.purgeKeys(mirror.stale(), dryRun);
                    } else if (task == null || task.isBlank()) {
                        r = mirror.purgeAll(dryRun);
                    } else {
                        List<String> keys;
                        try {
                            keys = mirror.targetsOfTask(task, withDependents);
                        } catch (IOException graphCannotTell) {
                            throw new AbortException("puppetPurgeCache: " + graphCannotTell.getMessage());
                        }
                        r = mirror.purgeKeys(keys, dryRun);
                    }
                    r.messages().forEach(m -> listener.getLogger().println("[puppet] " + m));
                    int count = dryRun ? r.messages().size() : r.transferred();
                    listener.getLogger().println("[puppet] " + (dryRun ? "would delete " : "deleted ") + count
                            + " objects from s3://" + bucket.name() + "/output");
                    return count;
                }
            }
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
