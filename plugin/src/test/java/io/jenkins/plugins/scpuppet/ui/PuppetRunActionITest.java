package io.jenkins.plugins.scpuppet.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.scpuppet.steps.StandInFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The build action, its views and its JSON in a real Jenkins: two puppetDeploy calls in one build give one action
 * with two sections; each section's report, the api/json export, the build page card, the report page and the job
 * trend are served. WRITTEN FOR THE REAL BUILD (-Pjenkins); NOT RUN on the development machines, where Jenkins
 * artifacts cannot be downloaded.
 */
@WithJenkins
class PuppetRunActionITest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The AWS stand-in the deploys reach through withEnv (the steps have no sandbox mode). */
    private static StandInFixture aws;

    @BeforeAll
    static void startTheStandIn() throws Exception {
        aws = StandInFixture.demo("eu-west-1");
    }

    @AfterAll
    static void stopTheStandIn() {
        aws.close();
    }

    @Test
    void servesEachCallsReportTheApiJsonTheCardTheReportPageAndTheTrend(JenkinsRule r) throws Exception {
        r.createOnlineSlave(r.jenkins.getLabel("puppet"));
        String manifest = Files.readString(Path.of("..", "test-resources", "manifests", "demo", "manifest.yaml"))
                .replace("'''", "");
        WorkflowJob p = r.createProject(WorkflowJob.class, "deploy");
        p.setDefinition(new CpsFlowDefinition(
                "node('puppet') {\n  writeFile file: 'manifest.yaml', text: '''" + manifest + "'''\n"
                        + "  withEnv(" + aws.withEnvList() + ") {\n"
                        + "    puppetDeploy(manifest: 'manifest.yaml', mirror: false, cacheDir: 'one')\n"
                        + "    puppetDeploy(manifest: 'manifest.yaml', mirror: false, cacheDir: 'two')\n  }\n}",
                true));
        WorkflowRun b = r.buildAndAssertSuccess(p);
        JenkinsRule.WebClient wc = r.createWebClient();
        wc.setJavaScriptEnabled(false); // the pages' scripts are covered by the browser tests (ui-tests)

        PuppetRunAction action = b.getAction(PuppetRunAction.class);
        assertThat(action.getSections()).hasSize(2);
        JsonNode second = JSON.readTree(
                wc.goTo(b.getUrl() + "puppet/report?section=2", "application/json").getWebResponse()
                        .getContentAsString());
        assertThat(second.path("schema").asText()).isEqualTo("scpuppet-run-report/1");
        assertThat(second.path("totals").path("executed").asInt()).isEqualTo(action.getSections().get(1).getExecuted());
        wc.getOptions().setThrowExceptionOnFailingStatusCode(false);
        assertThat(wc.getPage(new java.net.URL(r.getURL(), b.getUrl() + "puppet/report?section=3"))
                        .getWebResponse()
                        .getStatusCode())
                .isEqualTo(404);
        wc.getOptions().setThrowExceptionOnFailingStatusCode(true);

        JsonNode api = JSON.readTree(wc.goTo(
                        b.getUrl() + "api/json?tree=actions[executed,cached,sections[manifest,cacheHitRate]]",
                        "application/json")
                .getWebResponse()
                .getContentAsString());
        assertThat(api.toString()).contains("\"sections\"").contains("manifest.yaml");
        assertThat(api.findValues("executed").stream().mapToInt(JsonNode::asInt).sum())
                .isEqualTo(action.getExecuted());

        assertThat(wc.getPage(b).asXml()).contains("puppet-card").contains("data-summary");
        assertThat(wc.getPage(b, "puppet").asXml()).contains("id=\"app\"").contains("report.js");
        assertThat(wc.getPage(p).asXml()).contains("puppet-trend");
        JsonNode trend = JSON.readTree(
                wc.goTo(p.getUrl() + "puppet-trend/trend", "application/json").getWebResponse().getContentAsString());
        assertThat(trend.path("builds")).singleElement().satisfies(point -> assertThat(point.path("build").asInt())
                .isEqualTo(b.getNumber()));
    }
}
