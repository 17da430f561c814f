package io.jenkins.plugins.scpuppet.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.scpuppet.ui.DeploySection;
import io.jenkins.plugins.scpuppet.ui.PuppetRunAction;
import java.nio.file.Files;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The steps in a real Jenkins (jenkins-test-harness), against the AWS stand-in started in the test's JVM and reached
 * from the agent through withEnv, as a pipeline reaches any stand-in; mirror: false, as the stand-in has no S3.
 * WRITTEN FOR THE REAL BUILD (-Pjenkins); NOT RUN on the development machines, where Jenkins artifacts cannot be
 * downloaded.
 */
@WithJenkins
class PuppetStepsITest {
    private static StandInFixture aws;

    @BeforeAll
    static void startTheStandIn() throws Exception {
        aws = StandInFixture.demo("eu-west-1");
    }

    @AfterAll
    static void stopTheStandIn() {
        aws.close();
    }

    private static String demo() throws Exception {
        return Files.readString(StandInFixture.DEMO).replace("'''", "");
    }

    private static WorkflowJob job(JenkinsRule r, String agent, String body) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(
                "node('" + agent + "') {\n  withEnv(" + aws.withEnvList() + ") {\n" + body + "\n  }\n}", true));
        return p;
    }

    @Test
    void deploysAgainstTheStandInOnAnAgentTwiceAndTheSecondBuildIsCached(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave(r.jenkins.getLabel("puppet"));
        WorkflowJob p = job(r, "puppet", "writeFile file: 'manifest.yaml', text: '''" + demo() + "'''\n"
                + "def first = puppetDeploy(manifest: 'manifest.yaml', mirror: false, workers: 4)\n"
                + "echo \"cached=${first.cached} executed=${first.executed}\"");

        WorkflowRun b1 = r.buildAndAssertSuccess(p);
        WorkflowRun b2 = r.buildAndAssertSuccess(p);

        r.assertLogContains("[puppet] AWS credentials from environment keys; home region eu-west-1 (from AWS_REGION);"
                + " endpoint " + aws.endpoint(), b1);
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
    void rerunsEveryCacheableTaskAfterACachedBuild(JenkinsRule r) throws Exception {
        r.createOnlineSlave(r.jenkins.getLabel("puppet"));
        WorkflowJob p = job(r, "puppet", "writeFile file: 'manifest.yaml', text: '''" + demo() + "'''\n"
                + "def first = puppetDeploy(manifest: 'manifest.yaml', mirror: false, workers: 4)\n"
                + "def cached = puppetDeploy(manifest: 'manifest.yaml', mirror: false, workers: 4)\n"
                + "def again = puppetDeploy(manifest: 'manifest.yaml', mirror: false, workers: 4, rerun: true)\n"
                + "echo \"first=${first.executed} cached=${cached.cached} rerun=${again.executed}/${again.cached}\"");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        PuppetRunAction action = b.getAction(PuppetRunAction.class);
        assertThat(action.getSections()).hasSize(3);
        DeploySection first = action.getSections().get(0);
        DeploySection rerun = action.getSections().get(2);
        assertThat(action.getSections().get(1).getCached()).as("the second deploy reuses the cache").isPositive();
        assertThat(rerun.getCached()).as("rerun reuses nothing").isZero();
        assertThat(rerun.getExecuted()).as("rerun runs what the first deploy ran").isEqualTo(first.getExecuted());
        r.assertLogContains("rerun=" + first.getExecuted() + "/0", b);
    }

    @Test
    void listsTheLaunchesAndReturnsTheDryRunRowsToThePipeline(JenkinsRule r) throws Exception {
        r.createOnlineSlave(r.jenkins.getLabel("puppet"));
        WorkflowJob p = job(r, "puppet", "writeFile file: 'manifest.yaml', text: '''" + demo() + "'''\n"
                + "puppetDeploy(manifest: 'manifest.yaml', mirror: false, workers: 4)\n"
                + "def launches = puppetListLaunches(manifest: 'manifest.yaml', workers: 4)\n"
                + "echo \"launches=${launches.size()} first=${launches[0].account_id}/${launches[0].region}\"\n"
                + "def dry = puppetDeploy(manifest: 'manifest.yaml', mirror: false, dryRun: true,"
                + " singleAccount: '333333333333')\n"
                + "def changes = 0\n"
                + "for (row in dry.dryRunResults) { if (row.Result == 'CHANGE') { changes++ } }\n"
                + "echo \"rows=${dry.dryRunResults.size()} changes=${changes}\"");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("launches=7 first=", b);
        r.assertLogContains("[puppet] | account_id   | region    | launch ", b);
        r.assertLogContains("[puppet] Results", b);
        r.assertLogContains("rows=3 changes=0", b); // 333333333333's two launch targets and legacy-bastion's
    }

    @Test
    void failsTheBuildNamingABadSingleAccount(JenkinsRule r) throws Exception {
        WorkflowJob p = job(r, "built-in", "puppetDeploy(manifest: 'manifest.yaml', singleAccount: '12345')");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("puppetDeploy singleAccount must be a 12-digit AWS account id, got '12345'", b);
    }

    @Test
    void failsTheBuildWithTheManifestMessage(JenkinsRule r) throws Exception {
        r.createOnlineSlave(r.jenkins.getLabel("puppet"));
        WorkflowJob p = job(r, "puppet", "writeFile file: 'bad.yaml', text: 'schema: puppet-2019-04-01\\nlaunches:"
                + " {x: {portfolio: p}}\\n'\npuppetDeploy(manifest: 'bad.yaml', mirror: false)");

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
                + "puppetDeploy(manifest: 'manifest.yaml', mirror: false, workers: 1)");
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("[puppet] EXECUTED ", b);

        b.doStop();

        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
    }
}
