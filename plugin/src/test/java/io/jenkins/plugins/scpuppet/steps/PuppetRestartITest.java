package io.jenkins.plugins.scpuppet.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import java.nio.file.Files;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * A controller restart in the middle of puppetDeploy. The step runs on a thread of its own
 * (SynchronousNonBlockingStepExecution), which cannot survive a restart: the build must end failed, with
 * workflow-step-api's message naming the step, and the next build must run normally. The AWS stand-in lives in the
 * test's JVM across both Jenkins sessions, as AWS outlives a controller. WRITTEN FOR THE REAL BUILD (-Pjenkins); NOT
 * RUN on the development machines, where Jenkins artifacts cannot be downloaded.
 */
class PuppetRestartITest {
    private static StandInFixture aws;

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @BeforeAll
    static void startTheStandIn() throws Exception {
        aws = StandInFixture.demo("eu-west-1");
    }

    @AfterAll
    static void stopTheStandIn() {
        aws.close();
    }

    @Test
    void failsCleanlyWhenTheControllerRestartsMidStepAndTheNextBuildSucceeds() throws Throwable {
        String manifest = Files.readString(StandInFixture.DEMO).replace("'''", "");
        String env = aws.withEnvList();
        sessions.then(r -> {
            WorkflowJob p = r.createProject(WorkflowJob.class, "deploy");
            p.setDefinition(pipeline(manifest, env, ".puppet-cache"));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("[puppet] EXECUTED ", b);
            // Leaving the session shuts Jenkins down with the step still running.
        });
        sessions.then(r -> {
            WorkflowJob p = r.jenkins.getItemByFullName("deploy", WorkflowJob.class);
            WorkflowRun interrupted = p.getBuildByNumber(1);
            r.waitForCompletion(interrupted);

            assertThat(interrupted.getResult().isWorseThan(Result.SUCCESS)).isTrue();
            // workflow-step-api's SynchronousResumeNotSupportedException; "puppetDeploy" alone is in every log.
            r.assertLogContains("The Pipeline step `puppetDeploy` cannot be resumed after a controller restart",
                    interrupted);
            // The first build's step thread may still run in this JVM (the executor pool is static): build 2 gets a
            // cache folder of its own so the two cannot meet there.
            p.setDefinition(pipeline(manifest, env, ".puppet-cache-2"));
            WorkflowRun next = r.buildAndAssertSuccess(p);
            r.assertLogContains("[puppet] EXECUTED ", next);
        });
    }

    private static CpsFlowDefinition pipeline(String manifest, String env, String cacheDir) {
        return new CpsFlowDefinition(
                "node('built-in') {\n  writeFile file: 'manifest.yaml', text: '''" + manifest + "'''\n"
                        + "  withEnv(" + env + ") {\n"
                        + "    puppetDeploy(manifest: 'manifest.yaml', mirror: false, workers: 1, cacheDir: '"
                        + cacheDir + "')\n  }\n}",
                true);
    }
}
