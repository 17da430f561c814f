package io.jenkins.plugins.scpuppet.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.scpuppet.agentreport.InvalidReportException;
import io.jenkins.plugins.scpuppet.agentreport.ReportSchema;
import io.jenkins.plugins.scpuppet.agentreport.SampleReports;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** The build action's view model and its JSON endpoint, on stand-in builds. */
class PuppetRunActionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** A report as the agent's writer makes it, with these totals (see SampleReports). */
    static String report(int executed, int cached, int failed, int skipped, int cacheable, long saved) {
        return SampleReports.report(executed, cached, failed, skipped, cacheable, saved);
    }

    @Test
    void shouldReadTheSectionTotalsFromTheAcceptedReport() throws Exception {
        DeploySection s = DeploySection.of(
                "manifest.yaml", "puppet/1/run-report.json", ReportSchema.read(report(4, 5, 1, 0, 6, 900)));

        assertThat(s)
                .isEqualTo(new DeploySection(
                        "manifest.yaml", "puppet/1/run-report.json", 4, 5, 1, 0, 6, 5 / 6.0, 1234, 900));
        assertThat(new PuppetRunAction().getUrlName()).isEqualTo("puppet");
    }

    /** What the build's api/json shows: the action's totals and each section's fields. */
    @Test
    void shouldExportTheSummaryIntoTheRemoteApi() {
        assertThat(PuppetRunAction.class.isAnnotationPresent(ExportedBean.class)).isTrue();
        assertThat(exported(PuppetRunAction.class))
                .containsExactly(
                        "getCached", "getExecuted", "getFailed", "getSavedMillis", "getSections", "getSkipped");
        assertThat(exported(DeploySection.class))
                .containsExactly(
                        "getCacheHitRate",
                        "getCacheable",
                        "getCached",
                        "getExecuted",
                        "getFailed",
                        "getManifest",
                        "getMissReasons",
                        "getReportFile",
                        "getSavedMillis",
                        "getSkipped",
                        "getWallMillis");
    }

    private static List<String> exported(Class<?> type) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.isAnnotationPresent(Exported.class))
                .map(Method::getName)
                .sorted()
                .toList();
    }

    @Test
    void shouldKeepOneSectionPerDeployCallAndServeEachStoredReport() throws Exception {
        FakeBuilds.FakeRun run = new FakeBuilds.FakeJob().newBuild(tmp.toFile());
        String first = report(10, 0, 0, 0, 4, 0);
        String second = report(2, 4, 0, 0, 4, 700);
        PuppetRunAction.record(run, "a/manifest.yaml", first);
        String stored = PuppetRunAction.record(run, "b/manifest.yaml", second);
        PuppetRunAction action = run.getAction(PuppetRunAction.class);

        assertThat(Path.of(stored)).isEqualTo(tmp.resolve("puppet/2/run-report.json"));
        assertThat(action.getSections()).extracting(DeploySection::getManifest)
                .containsExactly("a/manifest.yaml", "b/manifest.yaml");
        assertThat(action.getExecuted()).isEqualTo(12);
        assertThat(JSON.readTree(served(action, null).body.toByteArray())).isEqualTo(JSON.readTree(first));
        FakeBuilds.Sent two = served(action, "2");
        assertThat(JSON.readTree(two.body.toByteArray())).isEqualTo(JSON.readTree(second));
        assertThat(two.headers)
                .containsEntry("Content-Type", "application/json;charset=UTF-8")
                .containsEntry("X-Content-Type-Options", "nosniff");
        for (String bad : new String[] {"0", "3", "-1", "x", "1/../../x"}) {
            assertThat(served(action, bad).status).as("section=%s", bad).isEqualTo(404);
        }
    }

    /** The agent's report is stored only as the controller re-wrote it: an invalid one leaves no trace. */
    @Test
    void shouldStoreNothingAndAddNoSectionWhenTheAgentsReportIsInvalid() throws Exception {
        FakeBuilds.FakeRun run = new FakeBuilds.FakeJob().newBuild(tmp.toFile());
        String bad = report(1, 0, 0, 0, 0, 0).replace("\"EXECUTED\"", "\"PWNED\"");

        assertThatThrownBy(() -> PuppetRunAction.record(run, "a.yaml", bad))
                .isInstanceOf(InvalidReportException.class)
                .isInstanceOf(hudson.AbortException.class)
                .hasMessageStartingWith("the agent's run report is invalid at tasks[0].status: unknown status 'PWNED'");
        assertThat(run.getAction(PuppetRunAction.class)).isNull();
        assertThat(tmp.resolve("puppet")).doesNotExist();

        PuppetRunAction.record(run, "a.yaml", report(1, 0, 0, 0, 0, 0));
        assertThatThrownBy(() -> PuppetRunAction.record(run, "b.yaml", "{\"schema\":1}"))
                .isInstanceOf(InvalidReportException.class);
        assertThat(run.getAction(PuppetRunAction.class).getSections()).hasSize(1);
        try (var stored = Files.list(tmp.resolve("puppet"))) {
            assertThat(stored).containsExactly(tmp.resolve("puppet/1"));
        }
        try (var files = Files.list(tmp.resolve("puppet/1"))) {
            assertThat(files).containsExactly(tmp.resolve("puppet/1/run-report.json"));
        }
    }

    /** What is stored is the accepted model: unknown fields gone, markup characters escaped, the meaning kept. */
    @Test
    void shouldStoreTheReportAsTheControllerWroteItAgain() throws Exception {
        FakeBuilds.FakeRun run = new FakeBuilds.FakeJob().newBuild(tmp.toFile());
        String sent = report(2, 0, 0, 0, 0, 0)
                .replace("launch-0", "<img src=x onerror=alert(1)>")
                .replace("\"schema\"", "\"planted\" : {\"script\" : \"<script>\"},\n  \"schema\"");

        String stored = Files.readString(Path.of(PuppetRunAction.record(run, "a.yaml", sent)));

        assertThat(stored).doesNotContain("<").doesNotContain(">").doesNotContain("planted");
        JsonNode expected = JSON.readTree(sent);
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected).remove("planted");
        assertThat(JSON.readTree(stored)).isEqualTo(expected);
        assertThat(JSON.readTree(stored).path("tasks").get(0).path("parameters").path("launch_name").asText())
                .isEqualTo("<img src=x onerror=alert(1)>");
    }

    @Test
    void shouldAnswer404WhenTheStoredReportIsGone() throws Exception {
        FakeBuilds.FakeRun run = new FakeBuilds.FakeJob().newBuild(tmp.toFile());
        PuppetRunAction.record(run, "manifest.yaml", report(1, 0, 0, 0, 0, 0));
        Files.delete(tmp.resolve("puppet/1/run-report.json"));

        assertThat(served(run.getAction(PuppetRunAction.class), "1").status).isEqualTo(404);
    }

    private static FakeBuilds.Sent served(PuppetRunAction action, String section) throws Exception {
        FakeBuilds.Sent sent = new FakeBuilds.Sent();
        action.doReport(
                FakeBuilds.request(section == null ? Map.of() : Map.of("section", section)), sent.response());
        return sent;
    }

    @Test
    void shouldSumEveryCallIntoTheBuildPageCardWithOneHitRateOverAllCalls() throws Exception {
        FakeBuilds.FakeRun run = new FakeBuilds.FakeJob().newBuild(tmp.toFile());
        PuppetRunAction.record(run, "a.yaml", report(3, 1, 0, 0, 4, 100)); // 1 of 4 cacheable cached
        PuppetRunAction.record(run, "b.yaml", report(0, 4, 1, 2, 4, 300)); // 4 of 4

        JsonNode card = JSON.readTree(run.getAction(PuppetRunAction.class).getSummaryJson());

        assertThat(card.path("executed").asInt()).isEqualTo(3);
        assertThat(card.path("cached").asInt()).isEqualTo(5);
        assertThat(card.path("failed").asInt()).isEqualTo(1);
        assertThat(card.path("skipped").asInt()).isEqualTo(2);
        assertThat(card.path("cacheHitRate").asDouble()).isEqualTo(5 / 8.0); // not the mean of 0.25 and 1.0
        assertThat(card.path("savedMillis").asLong()).isEqualTo(400);
        assertThat(card.path("wallMillis").asLong()).isEqualTo(2468);
        assertThat(card.path("sections")).hasSize(2);
        assertThat(card.path("sections").get(1).path("section").asInt()).isEqualTo(2);
        assertThat(card.path("sections").get(1).path("manifest").asText()).isEqualTo("b.yaml");
    }
}
