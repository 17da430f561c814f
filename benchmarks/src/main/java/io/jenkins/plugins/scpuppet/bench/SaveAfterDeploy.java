package io.jenkins.plugins.scpuppet.bench;

import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.config.SsmConfigStore;
import io.jenkins.plugins.scpuppet.deploy.DeployRequest;
import io.jenkins.plugins.scpuppet.deploy.DeployResult;
import io.jenkins.plugins.scpuppet.deploy.Deployment;
import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.RunOutcome;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import io.jenkins.plugins.scpuppet.mirror.CacheMirror;
import io.jenkins.plugins.scpuppet.sandbox.Sandbox;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code save-after-deploy <endpoint> <server pid> <source> <manifest> <folder>}: a cold save as {@code puppetDeploy}
 * and {@code puppet deploy} do it on a brand-new agent whose bucket is empty. The JVM is fresh and first runs a whole
 * deploy (against the sandbox's AWS stand-in, in this process, with the mirror off), because a cold save of thousands
 * of targets follows the run, in the same JVM, that executed the tasks writing them; then it saves the benchmark's
 * targets to the separate server. Only the save is timed. The S3-specific parts of the SDK are as cold as they would
 * be there: the deploy makes no S3 call besides the sandbox creating its own bucket.
 */
final class SaveAfterDeploy {
    private SaveAfterDeploy() {}

    static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        long serverPid = Long.parseLong(args[1]);
        Path source = Path.of(args[2]);
        Path manifest = Path.of(args[3]);
        Path work = Files.createTempDirectory(Path.of(args[4]), "deploy");
        String account = MirrorBenchmark.ACCOUNT;
        String region = MirrorBenchmark.REGION;
        try (Sandbox box = Sandbox.forManifest(manifest, account, region)) {
            long d0 = System.nanoTime();
            DeployResult deployed = new Deployment(
                            box.clients(), new SsmConfigStore(box.clients().ssm(account, region)), line -> {})
                    .deploy(
                            new DeployRequest(manifest, account, region, work, work, 10, false, false, "benchmark"),
                            RunListener.NONE);
            RunSummary summary = deployed.summary();
            if (summary.outcome() != RunOutcome.SUCCESS) {
                throw new IllegalStateException("the deploy before the save ended " + summary.outcome());
            }
            System.out.printf(
                    Locale.ROOT,
                    "deploy before the save: %s, %,d tasks executed in %.0f s (not timed below)%n",
                    summary.outcome(),
                    summary.count(TaskStatus.EXECUTED),
                    (System.nanoTime() - d0) / 1e9);
        }
        try (AwsClients clients = new AwsClients(MirrorBenchmark.settings(endpoint));
                CacheMirror mirror = MirrorBenchmark.mirror(
                        clients,
                        MirrorBenchmark.bucket(
                                clients,
                                "after-deploy-" + ProcessHandle.current().pid()))) {
            MirrorBenchmark.time(
                    () -> CpuTime.of(serverPid),
                    "ours (fresh JVM, after a deploy): cold save",
                    () -> mirror.save(source, "benchmark"));
        }
    }
}
