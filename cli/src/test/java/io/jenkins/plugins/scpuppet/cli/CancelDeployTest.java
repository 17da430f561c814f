package io.jenkins.plugins.scpuppet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scpuppet.config.SsmConfigStore;
import io.jenkins.plugins.scpuppet.deploy.DeployRequest;
import io.jenkins.plugins.scpuppet.deploy.DeployResult;
import io.jenkins.plugins.scpuppet.deploy.Deployment;
import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.RunOutcome;
import io.jenkins.plugins.scpuppet.engine.TaskKey;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import io.jenkins.plugins.scpuppet.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cancelling a deploy (Ctrl-C, Jenkins abort) mid-run: tasks stop, and what finished is still saved to S3. */
class CancelDeployTest {
    @TempDir
    Path tmp;

    @Test
    void shouldSaveTheCacheOfWhatFinishedWhenCancelled() throws Exception {
        String hub = "111111111111";
        try (Sandbox box = Sandbox.forManifest(CliTest.DEMO, hub, "eu-west-1")) {
            Deployment deployment = new Deployment(
                    box.clients(), new SsmConfigStore(box.clients().ssm(hub, "eu-west-1")), line -> {});
            CountDownLatch firstCacheableDone = new CountDownLatch(1);
            RunListener listener = new RunListener() {
                @Override
                public void taskExecuted(TaskKey task, long durationMillis, int attempts) {
                    if (task.family().equals("DeleteCloudFormationStackTask")) {
                        firstCacheableDone.countDown();
                    }
                }
            };
            ExecutorService runner = Executors.newSingleThreadExecutor();
            try {
                Future<DeployResult> result = runner.submit(() -> deployment.deploy(
                        new DeployRequest(
                                CliTest.DEMO, hub, "eu-west-1", tmp.resolve("cache"), tmp, 1, true, false, "test"),
                        listener));
                firstCacheableDone.await();
                deployment.cancel(); // from another thread, as Jenkins' abort and the CLI's shutdown hook do

                DeployResult r = result.get();

                assertThat(r.summary().outcome()).isEqualTo(RunOutcome.CANCELLED);
                assertThat(r.summary().count(TaskStatus.SKIPPED)).isPositive();
                assertThat(r.save()).isNotNull();
                assertThat(r.save().transferred()).isPositive();
            } finally {
                runner.shutdownNow();
            }
        }
    }
}
