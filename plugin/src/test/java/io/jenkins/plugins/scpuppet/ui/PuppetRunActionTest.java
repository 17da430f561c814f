package io.jenkins.plugins.scpuppet.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
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

    static String report(int executed, int cached, int failed, int skipped, int cacheable, long saved) {
        return "{\"schema\":\"scpuppet-run-report/1\",\"wallMillis\":1234,\"totals\":{\"tasks\":"
                + (executed + cached + failed + skipped) + ",\"executed\":" + executed + ",\"cached\":" + cached
                + ",\"failed\":" + failed + ",\"skipped\":" + skipped + ",\"cacheable\":" + cacheable
                + ",\"cacheHitRate\":" + (cacheable == 0 ? 0 : (double) cached / cacheable) + ",\"savedMillis\":"
                + saved + "},\"tasks\":[]}";
    }

    @Test
    void shouldReadTheSectionTotalsFromTheReport() throws Exception {
        PuppetRunAction.Section s =
                PuppetRunAction.section("manifest.yaml", "puppet/1/run-report.json", report(4, 5, 1, 0, 6, 900));

        assertThat(s)
                .isEqualTo(new PuppetRunAction.Section(
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
        assertThat(exported(PuppetRunAction.Section.class))
                .containsExactly(
                        "cacheHitRate",
                        "cacheable",
                        "cached",
                        "executed",
                        "failed",
                        "manifest",
                        "reportFile",
                        "savedMillis",
                        "skipped",
                        "wallMillis");
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
        assertThat(action.getSections()).extracting(PuppetRunAction.Section::manifest)
                .containsExactly("a/manifest.yaml", "b/manifest.yaml");
        assertThat(action.getExecuted()).isEqualTo(12);
        assertThat(served(action, null).body.toString(StandardCharsets.UTF_8)).isEqualTo(first);
        FakeBuilds.Sent two = served(action, "2");
        assertThat(two.body.toString(StandardCharsets.UTF_8)).isEqualTo(second);
        assertThat(two.headers).containsEntry("Content-Type", "application/json;charset=UTF-8");
        for (String bad : new String[] {"0", "3", "-1", "x", "1/../../x"}) {
            assertThat(served(action, bad).status).as("section=%s", bad).isEqualTo(404);
        }
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
