package io.jenkins.plugins.scpuppet.steps;

import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.config.ConfigKey;
import io.jenkins.plugins.scpuppet.config.ConfigStore;
import io.jenkins.plugins.scpuppet.config.PuppetConfig;
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
 * {@code puppetSetConfig(name: 'is_caching_enabled', value: 'True')}: upstream's set-config-value, on the agent.
 * Returns the effective value. Read at the start of every deploy; no re-bootstrap is needed.
 */
public class PuppetSetConfigStep extends Step {
    private final String name;
    private final String value;
    private String homeRegion;

    @DataBoundConstructor
    public PuppetSetConfigStep(String name, String value) {
        this.name = name;
        this.value = value;
    }

    public String getName() {
        return name;
    }

    public String getValue() {
        return value;
    }

    public String getHomeRegion() {
        return homeRegion;
    }

    @DataBoundSetter
    public void setHomeRegion(String homeRegion) {
        this.homeRegion = homeRegion;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        ConfigKey.named(name).parse(value); // refuse a bad name or value before touching any agent
        return new Execution(context, name, value, homeRegion);
    }

    /** Runs the read-modify-write on the agent. */
    static final class Execution extends AgentStepExecution<String> {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final String value;
        private final String homeRegion;

        Execution(StepContext context, String name, String value, String homeRegion) {
            super(context);
            this.name = name;
            this.value = value;
            this.homeRegion = homeRegion;
        }

        @Override
        protected String doRun(FilePath workspace, TaskListener listener, AgentAws aws, Run<?, ?> run)
                throws Exception {
            return workspace.act(new SetConfigCallable(name, value, homeRegion, aws, listener));
        }
    }

    /** set-config-value where the credentials are. */
    static final class SetConfigCallable extends MasterToSlaveFileCallable<String> {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final String value;
        private final String homeRegion;
        private final AgentAws aws;
        private final TaskListener listener;

        SetConfigCallable(String name, String value, String homeRegion, AgentAws aws, TaskListener listener) {
            this.name = name;
            this.value = value;
            this.homeRegion = homeRegion;
            this.aws = aws;
            this.listener = listener;
        }

        @Override
        public String invoke(File workspace, VirtualChannel channel) throws IOException {
            return AgentWork.abortOnFailure(() -> {
                String region = aws.region(homeRegion);
                try (AwsClients clients = aws.clients(region)) {
                    ConfigStore store = AgentWork.configStore(workspace, clients, clients.callerAccount(region), region);
                    PuppetConfig updated = PuppetConfig.setValue(store, name, value);
                    String effective = String.valueOf(updated.get(ConfigKey.named(name)));
                    listener.getLogger().println("[puppet] " + name + " = " + effective + " in " + store.describe());
                    return effective;
                }
            });
        }
    }

    /** The step's descriptor. */
    @Extension
    @Symbol("puppetSetConfig")
    public static class DescriptorImpl extends PuppetStepDescriptor {
        public DescriptorImpl() {
            super("puppetSetConfig", "Set a Service Catalog puppet config value");
        }
    }
}
