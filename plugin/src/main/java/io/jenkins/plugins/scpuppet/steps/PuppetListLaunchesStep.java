package io.jenkins.plugins.scpuppet.steps;

import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.scpuppet.engine.RunRetention;
import io.jenkins.plugins.scpuppet.launches.LaunchList;
import java.util.List;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code puppetListLaunches(manifest: 'manifest.yaml', cacheDir: '.puppet-cache', workers: 10)}: upstream's
 * list-launches. A dry run on the agent; returns one map per launch target (account_id, region, launch, portfolio,
 * product, expected_version, actual_version, active, status, provisioned_product_id; every value a String) and
 * prints upstream's table to the log.
 */
public class PuppetListLaunchesStep extends Step {
    private final String manifest;
    private int workers = 10;
    private String cacheDir = ".puppet-cache";
    private String homeRegion;
    private String puppetAccountId;

    @DataBoundConstructor
    public PuppetListLaunchesStep(String manifest) {
        this.manifest = manifest;
    }

    public String getManifest() {
        return manifest;
    }

    public int getWorkers() {
        return workers;
    }

    @DataBoundSetter
    public void setWorkers(int workers) {
        this.workers = workers;
    }

    public String getCacheDir() {
        return cacheDir;
    }

    @DataBoundSetter
    public void setCacheDir(String cacheDir) {
        this.cacheDir = cacheDir;
    }

    public String getHomeRegion() {
        return homeRegion;
    }

    @DataBoundSetter
    public void setHomeRegion(String homeRegion) {
        this.homeRegion = homeRegion;
    }

    public String getPuppetAccountId() {
        return puppetAccountId;
    }

    @DataBoundSetter
    public void setPuppetAccountId(String puppetAccountId) {
        this.puppetAccountId = puppetAccountId;
    }

    /** The parameters as a dry run's settings, checked; nothing is mirrored to S3. */
    DeploySettings settings() {
        if (manifest == null || manifest.isBlank()) {
            throw new IllegalArgumentException("puppetListLaunches needs manifest: 'path/to/manifest.yaml'");
        }
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("puppetListLaunches workers must be from 1 to 256, got " + workers);
        }
        return new DeploySettings(manifest, workers, cacheDir, false, true, homeRegion, puppetAccountId,
                RunRetention.DEFAULT_KEEP, false);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, settings());
    }

    /** Runs the dry run on the agent and checks the rows it sends back. */
    static final class Execution extends AgentStepExecution<List<Map<String, String>>> {
        private static final long serialVersionUID = 1L;
        private final DeploySettings settings;

        Execution(StepContext context, DeploySettings settings) {
            super(context);
            this.settings = settings;
        }

        @Override
        protected List<Map<String, String>> doRun(FilePath workspace, TaskListener listener, AgentAws aws,
                Run<?, ?> run) throws Exception {
            List<List<String>> rows = workspace.act(callable(aws, listener, run.getExternalizableId()));
            return AgentRows.maps("puppetListLaunches", rows, LaunchList.FIELDS);
        }

        /** What travels to the agent; {@code owner} names the build in the cache lease. */
        ListLaunchesCallable callable(AgentAws aws, TaskListener listener, String owner) {
            return new ListLaunchesCallable(settings, aws, listener, owner);
        }
    }

    /** The step's descriptor. */
    @Extension
    @Symbol("puppetListLaunches")
    public static class DescriptorImpl extends PuppetStepDescriptor {
        public DescriptorImpl() {
            super("puppetListLaunches", "List the launches of a Service Catalog puppet manifest");
        }
    }
}
