package io.jenkins.plugins.scpuppet.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.scpuppet.ui.PuppetRunAction;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The steps in a real Jenkins (jenkins-test-harness). WRITTEN FOR THE REAL BUILD (-Pjenkins); NOT RUN on the
 * development machines, where Jenkins artifacts cannot be downloaded.
 */
@WithJenkins
class PuppetStepsITest {
    private static final Path DEMO = Path.of("..", "test-resources", "manifests", "demo", "manifest.yaml");

    private static String demo() throws Exception {
        return Files.readString(DEMO).replace("'''", "");
    }

    private static WorkflowJob job(JenkinsRule r, String agent, String body) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition("node('" + agent + "') {\n" + body + "\n}", true));
        return p;
    }

    @Test
    void deploysInTheSandboxOnAnAgentTwiceAndTheSecondBuildIsCached(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave(r.jenkins.getLabel("puppet"));
        WorkflowJob p = job(r, "puppet", "writeFile file: 'manifest.yaml', text: '''" + demo() + "'''\n"
                + "def first = puppetDeploy(manifest: 'manifest.yaml', sandbox: true, workers: 4)\n"
                + "echo \"cached=${first.cached} executed=${first.executed}\"");

        WorkflowRun b1 = r.buildAndAssertSuccess(p);
        WorkflowRun b2 = r.buildAndAssertSuccess(p);

        r.assertLogContains("cached=0 ", b1);
        r.assertLogContains("[puppet] CACHED ", b2);
        PuppetRunAction action = b2.getAction(PuppetRunAction.class);
        assertThat(action.getSections()).singleElement().satisfies(s -> {
            assertThat(s.getFailed()).isZero();
            assertThat(s.getCacheHitRate()).isEqualTo(1.0);
        });
        assertThat(agent.getComputer().isOnline()).isTrue();
    }

    @Test
    void failsTheBuildWithTheManifestMessage(JenkinsRule r) throws Exception {
        r.createOnlineSlave(r.jenkins.getLabel("puppet"));
        WorkflowJob p = job(r, "puppet", "writeFile file: 'bad.yaml', text: 'schema: puppet-2019-04-01\\nlaunches:"
                + " {x: {portfolio: p}}\\n'\npuppetDeploy(manifest: 'bad.yaml', sandbox: true)");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("bad.yaml:2:12: launches.x: missing required key 'product'", b);
    }

    @Test
    void setsAndReadsConfigInTheWorkspaceConfigFile(JenkinsRule r) throws Exception {
        WorkflowJob p = job(r, "built-in", "writeFile file: 'config.yaml', text: 'regions: [eu-west-1]\\n'\n"
                + "def v = puppetSetConfig(name: 'is_caching_enabled', value: 'True')\necho \"value=${v}\"\n"
                + "echo readFile('config.yaml')");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("value=true", b);
        r.assertLogContains("is_caching_enabled: true", b);
    }

    @Test
    void abortStopsTheRunAndEndsAborted(JenkinsRule r) throws Exception {
        r.createOnlineSlave(r.jenkins.getLabel("puppet"));
        WorkflowJob p = job(r, "puppet", "writeFile file: 'manifest.yaml', text: '''" + demo() + "'''\n"
                + "puppetDeploy(manifest: 'manifest.yaml', sandbox: true, workers: 1)");
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("[puppet] EXECUTED ", b);

        b.doStop();

        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
    }
}
