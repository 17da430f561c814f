package io.jenkins.plugins.scpuppet.steps;

import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.scpuppet.engine.RunRetention;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code puppetDeploy(manifest: 'manifest.yaml', workers: 8, cacheDir: '.puppet-cache', mirror: true, dryRun: false,
 * singleAccount: '123456789012', unstableOnFailure: false, failOnCacheSaveError: false, keepRuns: 10,
 * trustUnindexedCache: false, rerun: false)}: deploys on the agent holding the workspace and returns a map (executed,
 * cached, failed, skipped, reportPath, cacheSaved, ...; with dryRun, dryRunResults: upstream's table as a list of maps).
 * Task failures fail the build
 * with a summary, or mark it unstable; a failed cache save after the run marks it unstable, or fails it; a cache
 * restore refused as unauthenticated fails it before any task runs. AWS is
 * reached as the step's environment says (withAWS, withCredentials, withEnv: keys, AWS_PROFILE, AWS_ENDPOINT_URL...),
 * which is also how a pipeline points it at a stand-in: there is no sandbox mode.
 */
public class PuppetDeployStep extends Step {
    private final String manifest;
    private int workers = 128;
    private String cacheDir = ".puppet-cache";
    private boolean mirror = true;
    private boolean dryRun;
    private boolean unstableOnFailure;
    private boolean failOnCacheSaveError;
    private String homeRegion;
    private String puppetAccountId;
    private int keepRuns = RunRetention.DEFAULT_KEEP;
    private boolean trustUnindexedCache;
    private String singleAccount;
    private boolean rerun;

    @DataBoundConstructor
    public PuppetDeployStep(String manifest) {
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

    public boolean isMirror() {
        return mirror;
    }

    @DataBoundSetter
    public void setMirror(boolean mirror) {
        this.mirror = mirror;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public boolean isUnstableOnFailure() {
        return unstableOnFailure;
    }

    @DataBoundSetter
    public void setUnstableOnFailure(boolean unstableOnFailure) {
        this.unstableOnFailure = unstableOnFailure;
    }

    public boolean isFailOnCacheSaveError() {
        return failOnCacheSaveError;
    }

    @DataBoundSetter
    public void setFailOnCacheSaveError(boolean failOnCacheSaveError) {
        this.failOnCacheSaveError = failOnCacheSaveError;
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

    public int getKeepRuns() {
        return keepRuns;
    }

    @DataBoundSetter
    public void setKeepRuns(int keepRuns) {
        this.keepRuns = keepRuns;
    }

    public boolean isTrustUnindexedCache() {
        return trustUnindexedCache;
    }

    /**
     * Restore a cache bucket that has no signed index (written by aws s3 sync or an older version) as it is, each
     * target verified when read; an index whose MAC fails is refused anyway. For a one-off migration.
     */
    @DataBoundSetter
    public void setTrustUnindexedCache(boolean trustUnindexedCache) {
        this.trustUnindexedCache = trustUnindexedCache;
    }

    public String getSingleAccount() {
        return singleAccount;
    }

    /** Upstream's --single-account: only this account's targets, plus the hub tasks they need. */
    @DataBoundSetter
    public void setSingleAccount(String singleAccount) {
        this.singleAccount = singleAccount == null || singleAccount.isBlank() ? null : singleAccount.trim();
    }

    public boolean isRerun() {
        return rerun;
    }

    /** Upstream has no such option: every cacheable task runs again, its stored target not reused (FORCED). */
    @DataBoundSetter
    public void setRerun(boolean rerun) {
        this.rerun = rerun;
    }

    /** The parameters as one value, checked: what the execution keeps. */
    DeploySettings settings() {
        if (manifest == null || manifest.isBlank()) {
            throw new IllegalArgumentException("puppetDeploy needs manifest: 'path/to/manifest.yaml'");
        }
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("puppetDeploy workers must be from 1 to 256, got " + workers);
        }
        if (keepRuns < 1) {
            throw new IllegalArgumentException("puppetDeploy keepRuns must be at least 1 (this run), got " + keepRuns);
        }
        if (singleAccount != null && !singleAccount.matches("\\d{12}")) {
            throw new IllegalArgumentException(
                    "puppetDeploy singleAccount must be a 12-digit AWS account id, got '" + singleAccount + "'");
        }
        if (rerun && dryRun) {
            throw new IllegalArgumentException(
                    "puppetDeploy rerun and dryRun together: a dry run changes nothing to re-run");
        }
        return new DeploySettings(
                manifest, workers, cacheDir, mirror, dryRun, homeRegion, puppetAccountId, keepRuns,
                trustUnindexedCache, singleAccount);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new PuppetDeployStepExecution(context, settings(), unstableOnFailure, failOnCacheSaveError, rerun);
    }

    /** The step's descriptor: its name in a Jenkinsfile and the context it needs. */
    @Extension
    @Symbol("puppetDeploy")
    public static class DescriptorImpl extends PuppetStepDescriptor {
        public DescriptorImpl() {
            super("puppetDeploy", "Deploy a Service Catalog puppet manifest");
        }
    }
}
