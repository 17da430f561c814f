package io.jenkins.plugins.scpuppet.steps;

import hudson.FilePath;
import hudson.model.TaskListener;
import java.util.Map;

/**
 * The callables exactly as the steps build them (step, then {@code start}, then the execution's callable), for tests
 * outside this package: plugin-check's JEP-200 test serializes them and runs them on the agent side. Executions are
 * started without a StepContext; only their callables are used.
 */
public final class StepCallables {
    /** The build the callables run for, as Run.getExternalizableId gives it. */
    public static final String BUILD = "folder/deploy#7";

    private StepCallables() {}

    public static FilePath.FileCallable<?> deploy(
            String manifest, boolean mirror, Map<String, String> env, TaskListener listener) {
        return deploy(manifest, ".puppet-cache", mirror, env, listener);
    }

    public static FilePath.FileCallable<?> deploy(
            String manifest, String cacheDir, boolean mirror, Map<String, String> env, TaskListener listener) {
        PuppetDeployStep step = new PuppetDeployStep(manifest);
        step.setCacheDir(cacheDir);
        step.setMirror(mirror);
        step.setWorkers(4);
        PuppetDeployStepExecution execution = (PuppetDeployStepExecution) step.start(null);
        return execution.callable(AgentAws.from(env, BUILD), listener, BUILD);
    }

    /**
     * puppetBootstrap with the hub's own PuppetRole, trusting the hub's servicecatalog-puppet roles.
     *
     * @param permissionBoundary the role's boundary, or null (a boundary the stand-in does not hold denies everything)
     */
    public static FilePath.FileCallable<?> bootstrap(
            String region, String permissionBoundary, Map<String, String> env, TaskListener listener) {
        PuppetBootstrapStep step = new PuppetBootstrapStep(region);
        step.setKmsKeyId("alias/puppet");
        step.setSpokeVersion("0.84.0");
        step.setPuppetRole(true);
        step.setPermissionBoundary(permissionBoundary);
        step.setHubPrincipals("arn:aws:iam::111111111111:role/servicecatalog-puppet/*");
        PuppetBootstrapStep.Execution execution = (PuppetBootstrapStep.Execution) step.start(null);
        return execution.callable(AgentAws.from(env, BUILD), listener);
    }

    public static FilePath.FileCallable<?> purge(
            String task, boolean stale, boolean dryRun, Map<String, String> env, TaskListener listener) {
        PuppetPurgeCacheStep step = new PuppetPurgeCacheStep();
        step.setTask(task);
        step.setStale(stale);
        step.setDryRun(dryRun);
        PuppetPurgeCacheStep.Execution execution = (PuppetPurgeCacheStep.Execution) step.start(null);
        return execution.callable(AgentAws.from(env, BUILD), listener);
    }

    public static FilePath.FileCallable<?> setConfig(
            String name, String value, Map<String, String> env, TaskListener listener) throws Exception {
        PuppetSetConfigStep.Execution execution =
                (PuppetSetConfigStep.Execution) new PuppetSetConfigStep(name, value).start(null);
        return execution.callable(AgentAws.from(env, BUILD), listener);
    }

    public static FilePath.FileCallable<?> listLaunches(String manifest, Map<String, String> env, TaskListener listener) {
        PuppetListLaunchesStep step = new PuppetListLaunchesStep(manifest);
        step.setWorkers(4);
        PuppetListLaunchesStep.Execution execution = (PuppetListLaunchesStep.Execution) step.start(null);
        return execution.callable(AgentAws.from(env, BUILD), listener, BUILD);
    }

    /** puppetDeploy with dryRun, as the steps build it. */
    public static FilePath.FileCallable<?> dryRun(String manifest, Map<String, String> env, TaskListener listener) {
        PuppetDeployStep step = new PuppetDeployStep(manifest);
        step.setMirror(false);
        step.setDryRun(true);
        step.setWorkers(4);
        PuppetDeployStepExecution execution = (PuppetDeployStepExecution) step.start(null);
        return execution.callable(AgentAws.from(env, BUILD), listener, BUILD);
    }

    /** The map puppetDeploy returns for what its callable sent back from the agent. */
    public static Map<String, Object> stepResult(Object deployOutcome, String storedReport) {
        return ((DeployOutcome) deployOutcome).asStepResult(storedReport);
    }

    /**
     * Whether puppetDeploy (unstableOnFailure off) marks the build UNSTABLE for what its callable sent back; throws
     * as the step does when it fails or aborts the build.
     */
    public static boolean unstable(Object deployOutcome, boolean failOnCacheSaveError) throws Exception {
        PuppetDeployStep step = new PuppetDeployStep("manifest.yaml");
        step.setFailOnCacheSaveError(failOnCacheSaveError);
        return ((PuppetDeployStepExecution) step.start(null)).unstable((DeployOutcome) deployOutcome, "stored");
    }

    /** A listener keeping the log in memory; it stands for the one Jenkins hands a step. */
    public static TaskListener listener() {
        return new TestListener();
    }

    public static String log(TaskListener listener) {
        return ((TestListener) listener).log();
    }
}
