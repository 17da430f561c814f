package io.jenkins.plugins.scpuppet.sandbox;

import io.jenkins.plugins.scpuppet.config.SsmConfigStore;
import io.jenkins.plugins.scpuppet.deploy.DeployRequest;
import io.jenkins.plugins.scpuppet.deploy.Deployment;
import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskOutcome;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** A deploy of a manifest into a sandbox, as `puppet deploy --sandbox` runs it. */
final class SandboxDeploys {
    static final String HUB = "111111111111";
    static final String HOME = "eu-west-1";
    static final Path MANIFESTS = Path.of("..", "test-resources", "manifests");

    private SandboxDeploys() {}

    static Path manifest(String name) {
        return MANIFESTS.resolve(name).resolve("manifest.yaml");
    }

    static RunSummary deploy(Sandbox box, Path manifest, Path cache) throws Exception {
        Deployment deployment =
                new Deployment(box.clients(), new SsmConfigStore(box.clients().ssm(HUB, HOME)), line -> {});
        return deployment
                .deploy(
                        new DeployRequest(manifest, HUB, HOME, cache, cache, 8, false, false, "sandbox-test"),
                        RunListener.NONE)
                .summary();
    }

    /** The failed tasks with their error, one a line, for assertion messages. */
    static String failures(RunSummary run) {
        return run.tasks().stream()
                .filter(t -> t.status() == TaskStatus.FAILED)
                .map(t -> t.key().id() + ": " + t.errorCode() + " " + t.errorMessage())
                .collect(Collectors.joining("\n"));
    }

    static boolean failed(TaskOutcome t) {
        return t.status() == TaskStatus.FAILED;
    }
}
