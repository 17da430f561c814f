package io.jenkins.plugins.scpuppet.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import jenkins.tasks.SimpleBuildStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job trend: how a job gets it, how many builds it reads, and the JSON its chart reads. */
class PuppetTrendActionTest {
    @TempDir
    Path tmp;

    private FakeBuilds.FakeRun build(FakeBuilds.FakeJob job, boolean puppet, int executed, int cached)
            throws Exception {
        FakeBuilds.FakeRun run = job.newBuild(tmp.resolve("b" + (job.builds.size() + 1)).toFile());
        if (puppet) {
            PuppetRunAction.record(
                    run, "manifest.yaml", PuppetRunActionTest.report(executed, cached, 0, 0, executed + cached, 50));
        }
        return run;
    }

    @Test
    void shouldGiveTheTrendOldestFirstWithALinkPerBuildAndSkipBuildsWithoutPuppet() throws Exception {
        FakeBuilds.FakeJob job = new FakeBuilds.FakeJob();
        build(job, true, 60, 0);
        build(job, false, 0, 0);
        build(job, true, 10, 50);

        FakeBuilds.Sent sent = new FakeBuilds.Sent();
        new PuppetTrendAction(job).doTrend(FakeBuilds.request(Map.of()), sent.response());
        JsonNode builds = new ObjectMapper().readTree(sent.body.toByteArray()).path("builds");

        assertThat(builds).hasSize(2);
        assertThat(builds.get(0).path("build").asInt()).isEqualTo(1);
        assertThat(builds.get(0).path("executed").asInt()).isEqualTo(60);
        assertThat(builds.get(1).path("build").asInt()).isEqualTo(3);
        assertThat(builds.get(1).path("cached").asInt()).isEqualTo(50);
        assertThat(builds.get(1).path("cacheHitRate").asDouble()).isEqualTo(50 / 60.0);
        assertThat(builds.get(1).path("url").asText()).isEqualTo("job/p/3/");
        assertThat(sent.headers).containsEntry("Content-Type", "application/json;charset=UTF-8");
    }

    @Test
    void shouldReadNoMoreThanTheLastBuildsOfALongHistoryWhenTheTrendIsRequested() throws Exception {
        FakeBuilds.FakeJob job = new FakeBuilds.FakeJob();
        for (int i = 0; i < TrendModel.MAX_BUILDS + 5; i++) {
            build(job, true, 1, 1);
        }
        job.buildsLoaded = 0;

        FakeBuilds.Sent sent = new FakeBuilds.Sent();
        new PuppetTrendAction(job).doTrend(FakeBuilds.request(Map.of()), sent.response());
        JsonNode builds = new ObjectMapper().readTree(sent.body.toByteArray()).path("builds");

        assertThat(builds).hasSize(TrendModel.MAX_BUILDS);
        assertThat(builds.get(TrendModel.MAX_BUILDS - 1).path("build").asInt()).isEqualTo(TrendModel.MAX_BUILDS + 5);
        assertThat(job.buildsLoaded).isEqualTo(TrendModel.MAX_BUILDS);
    }

    @Test
    void shouldGiveTheJobItsTrendFromTheBuildActionWithoutLoadingAnyBuild() throws Exception {
        FakeBuilds.FakeJob job = new FakeBuilds.FakeJob();
        build(job, true, 1, 0);
        build(job, false, 0, 0);
        FakeBuilds.FakeRun last = build(job, true, 2, 3);
        job.buildsLoaded = 0;

        // What core's LastBuildActionFactory calls on every getAllActions of the job.
        assertThat(last.getAction(PuppetRunAction.class)).isInstanceOf(SimpleBuildStep.LastBuildAction.class);
        PuppetTrendAction trend = (PuppetTrendAction) assertThat(
                        last.getAction(PuppetRunAction.class).getProjectActions())
                .singleElement()
                .isInstanceOf(PuppetTrendAction.class)
                .actual();
        assertThat(job.buildsLoaded).isZero();
        assertThat(trend.getUrlName()).isEqualTo("puppet-trend");
        assertThat(trend.getIconFileName()).isNull();

        FakeBuilds.Sent sent = new FakeBuilds.Sent();
        trend.doTrend(FakeBuilds.request(Map.of()), sent.response());
        assertThat(new ObjectMapper().readTree(sent.body.toByteArray()).path("builds"))
                .extracting(b -> b.path("build").asInt())
                .containsExactly(1, 3);
        assertThat(job.buildsLoaded).isEqualTo(3);
    }

    @Test
    void shouldAddNoTrendFromAnActionNotYetAttachedToABuild() {
        assertThat(new PuppetRunAction().getProjectActions()).isEmpty();
    }

    @Test
    void shouldCarryTheBuildsDisplayNameAsPlainData() throws Exception {
        FakeBuilds.FakeJob job = new FakeBuilds.FakeJob();
        build(job, true, 1, 0).displayName = "<img src=x onerror=window.__pwned=1>";

        FakeBuilds.Sent sent = new FakeBuilds.Sent();
        new PuppetTrendAction(job).doTrend(FakeBuilds.request(Map.of()), sent.response());

        // JSON keeps it verbatim; trend.js writes it as text (ui-tests' HostileDataPageTest).
        assertThat(new ObjectMapper()
                        .readTree(sent.body.toByteArray())
                        .path("builds")
                        .get(0)
                        .path("displayName")
                        .asText())
                .isEqualTo("<img src=x onerror=window.__pwned=1>");
    }
}
