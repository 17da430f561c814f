package io.jenkins.plugins.scpuppet.steps;

import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.scpuppet.config.ConfigKey;
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
            return workspace.act(callable(aws, listener));
        }

        /** What travels to the agent. */
        SetConfigCallable callable(AgentAws aws, TaskListener listener) {
            return new SetConfigCallable(name, value, homeRegion, aws, listener);
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
