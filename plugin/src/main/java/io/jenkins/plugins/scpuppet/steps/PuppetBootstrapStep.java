package io.jenkins.plugins.scpuppet.steps;

import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.scpuppet.bootstrap.BootstrapOptions;
import io.jenkins.plugins.scpuppet.bootstrap.CacheWriterPolicy;
import io.jenkins.plugins.scpuppet.bootstrap.SpokeOptions;
import java.util.List;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code puppetBootstrap(region: 'eu-west-1', noncurrentVersionDays: 30, kmsKeyId: ..., withEventBus: false,
 * spokeVersion: ..., cacheWriters: '...', puppetRole: true, leastPrivilege: false, permissionBoundary: ...,
 * hubPrincipals: '...')}: creates or updates the hub stack (caching bucket, whose policy lets only the cache writers
 * write under output/, and parameters) and, with {@code puppetRole}, the hub account's own
 * PuppetRole (stack servicecatalog-puppet-spoke: the hub is bootstrapped as a spoke too). Returns the hub stack's
 * created, updated or unchanged.
 */
public class PuppetBootstrapStep extends Step {
    private final String region;
    private int noncurrentVersionDays = 30;
    private String kmsKeyId;
    private boolean withEventBus;
    private String spokeVersion;
    private String cacheWriters;
    private boolean puppetRole;
    private boolean leastPrivilege;
    private String permissionBoundary;
    private String hubPrincipals;

    @DataBoundConstructor
    public PuppetBootstrapStep(String region) {
        this.region = region;
    }

    public String getRegion() {
        return region;
    }

    public int getNoncurrentVersionDays() {
        return noncurrentVersionDays;
    }

    @DataBoundSetter
    public void setNoncurrentVersionDays(int days) {
        this.noncurrentVersionDays = days;
    }

    public String getKmsKeyId() {
        return kmsKeyId;
    }

    @DataBoundSetter
    public void setKmsKeyId(String kmsKeyId) {
        this.kmsKeyId = kmsKeyId;
    }

    public boolean isWithEventBus() {
        return withEventBus;
    }

    @DataBoundSetter
    public void setWithEventBus(boolean withEventBus) {
        this.withEventBus = withEventBus;
    }

    public String getSpokeVersion() {
        return spokeVersion;
    }

    /** For execution: spoke: the servicecatalog-puppet version spokes run (the spoke-deploy bucket and parameter). */
    @DataBoundSetter
    public void setSpokeVersion(String spokeVersion) {
        this.spokeVersion = spokeVersion == null || spokeVersion.isBlank() ? null : spokeVersion.strip();
    }

    public String getCacheWriters() {
        return cacheWriters;
    }

    /** Who may write under the caching bucket's output/: ARNs separated by commas or white space; empty: default. */
    @DataBoundSetter
    public void setCacheWriters(String cacheWriters) {
        this.cacheWriters = cacheWriters == null || cacheWriters.isBlank() ? null : cacheWriters.strip();
    }

    /** The hub stack's options; refuses a cache writer that is not an IAM role or user ARN. */
    BootstrapOptions bootstrapOptions() {
        if (noncurrentVersionDays < 1) {
            throw new IllegalArgumentException("puppetBootstrap noncurrentVersionDays must be at least 1");
        }
        List<String> writers = cacheWriters == null ? List.of() : List.of(cacheWriters.split("[,\\s]+"));
        for (String writer : writers) {
            String problem = CacheWriterPolicy.problem(writer, null); // the account is known on the agent
            if (problem != null) {
                throw new IllegalArgumentException("puppetBootstrap cacheWriters: " + problem);
            }
        }
        return new BootstrapOptions(noncurrentVersionDays, kmsKeyId, withEventBus, spokeVersion, writers);
    }

    public boolean isPuppetRole() {
        return puppetRole;
    }

    /** Also create the hub account's own PuppetRole (its servicecatalog-puppet-spoke stack). */
    @DataBoundSetter
    public void setPuppetRole(boolean puppetRole) {
        this.puppetRole = puppetRole;
    }

    public boolean isLeastPrivilege() {
        return leastPrivilege;
    }

    /** The PuppetRole gets only the actions this plugin calls instead of AdministratorAccess. */
    @DataBoundSetter
    public void setLeastPrivilege(boolean leastPrivilege) {
        this.leastPrivilege = leastPrivilege;
    }

    public String getPermissionBoundary() {
        return permissionBoundary;
    }

    /** A managed policy ARN that caps the PuppetRole. */
    @DataBoundSetter
    public void setPermissionBoundary(String permissionBoundary) {
        this.permissionBoundary =
                permissionBoundary == null || permissionBoundary.isBlank() ? null : permissionBoundary.strip();
    }

    public String getHubPrincipals() {
        return hubPrincipals;
    }

    /** Hub principal ARNs the PuppetRole trusts, separated by commas or white space; empty for the default. */
    @DataBoundSetter
    public void setHubPrincipals(String hubPrincipals) {
        this.hubPrincipals = hubPrincipals == null || hubPrincipals.isBlank() ? null : hubPrincipals.strip();
    }

    /** The PuppetRole's options, or null without puppetRole; refuses role options given without it. */
    SpokeOptions spokeOptions() {
        List<String> principals = hubPrincipals == null ? List.of() : List.of(hubPrincipals.split("[,\\s]+"));
        if (!puppetRole) {
            if (leastPrivilege || permissionBoundary != null || !principals.isEmpty()) {
                throw new IllegalArgumentException("puppetBootstrap leastPrivilege, permissionBoundary and"
                        + " hubPrincipals shape the hub's PuppetRole: add puppetRole: true");
            }
            return null;
        }
        for (String principal : principals) {
            String problem = SpokeOptions.hubPrincipalProblem(principal, null); // the account is known on the agent
            if (problem != null) {
                throw new IllegalArgumentException("puppetBootstrap hubPrincipals: " + problem);
            }
        }
        return new SpokeOptions(leastPrivilege, permissionBoundary, principals, false);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, region, bootstrapOptions(), spokeOptions());
    }

    /** Runs bootstrap on the agent. */
    static final class Execution extends AgentStepExecution<String> {
        private static final long serialVersionUID = 1L;
        private final String region;
        private final BootstrapOptions options;
        private final SpokeOptions puppetRole;

        Execution(StepContext context, String region, BootstrapOptions options, SpokeOptions puppetRole) {
            super(context);
            this.region = region;
            this.options = options;
            this.puppetRole = puppetRole;
        }

        @Override
        protected String doRun(FilePath workspace, TaskListener listener, AgentAws aws, Run<?, ?> run)
                throws Exception {
            return workspace.act(callable(aws, listener));
        }

        /** What travels to the agent. */
        BootstrapCallable callable(AgentAws aws, TaskListener listener) {
            return new BootstrapCallable(region, options, puppetRole, aws, listener);
        }
    }

    /** The step's descriptor. */
    @Extension
    @Symbol("puppetBootstrap")
    public static class DescriptorImpl extends PuppetStepDescriptor {
        public DescriptorImpl() {
            super("puppetBootstrap", "Bootstrap Service Catalog puppet in the hub account");
        }
    }
}
