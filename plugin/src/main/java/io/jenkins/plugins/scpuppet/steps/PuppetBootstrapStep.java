package io.jenkins.plugins.scpuppet.steps;

import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.bootstrap.Bootstrap;
import io.jenkins.plugins.scpuppet.bootstrap.BootstrapOptions;
import java.io.File;
import java.io.IOException;
import jenkins.MasterToSlaveFileCallable;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code puppetBootstrap(region: 'eu-west-1', noncurrentVersionDays: 30, kmsKeyId: ..., withEventBus: false,
 * spokeVersion: ...)}:
 * creates or updates the hub stack (caching bucket and parameters). Returns created, updated or unchanged.
 */
public class PuppetBootstrapStep extends Step {
    private final String region;
    private int noncurrentVersionDays = 30;
    private String kmsKeyId;
    private boolean withEventBus;
    private String spokeVersion;

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

    @Override
    public StepExecution start(StepContext context) {
        if (noncurrentVersionDays < 1) {
            throw new IllegalArgumentException("puppetBootstrap noncurrentVersionDays must be at least 1");
        }
        return new Execution(context, region, new BootstrapOptions(noncurrentVersionDays, kmsKeyId, withEventBus, spokeVersion));
    }

    /** Runs bootstrap on the agent. */
    static final class Execution extends AgentStepExecution<String> {
        private static final long serialVersionUID = 1L;
        private final String region;
        private final BootstrapOptions options;

        Execution(StepContext context, String region, BootstrapOptions options) {
            super(context);
            this.region = region;
            this.options = options;
        }

        @Override
        protected String doRun(FilePath workspace, TaskListener listener, AgentAws aws, Run<?, ?> run)
                throws Exception {
            return workspace.act(new BootstrapCallable(region, options, aws, listener));
        }
    }

    /** The hub stack, created with the agent's credentials. */
    static final class BootstrapCallable extends MasterToSlaveFileCallable<String> {
        private static final long serialVersionUID = 1L;
        private final String region;
        private final BootstrapOptions options;
        private final AgentAws aws;
        private final TaskListener listener;

        BootstrapCallable(String region, BootstrapOptions options, AgentAws aws, TaskListener listener) {
            this.region = region;
            this.options = options;
            this.aws = aws;
            this.listener = listener;
        }

        @Override
        public String invoke(File workspace, VirtualChannel channel) throws IOException {
            return AgentWork.abortOnFailure(() -> {
                String r = aws.region(region);
                try (AwsClients clients = aws.clients(r)) {
                    String account = clients.callerAccount(r);
                    var result = new Bootstrap(clients).hub(account, r, options,
                            AgentWork.configStore(workspace, clients, account, r));
                    String action = result.path("action").asText();
                    listener.getLogger().println("[puppet] bootstrap of " + account + " " + r + ": stack "
                            + result.path("stack_name").asText() + " " + action);
                    return action;
                }
            });
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
