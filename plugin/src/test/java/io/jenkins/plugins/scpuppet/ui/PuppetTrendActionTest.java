package io.jenkins.plugins.scpuppet.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job trend: which jobs get it, and the JSON its chart reads. */
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
    void shouldLookAtNoMoreThanTheLastBuildsOfALongHistory() throws Exception {
        FakeBuilds.FakeJob job = new FakeBuilds.FakeJob();
        for (int i = 0; i < TrendModel.MAX_BUILDS + 5; i++) {
            build(job, true, 1, 1);
        }

        assertThat(PuppetTrendAction.points(job.getLastBuild(), TrendModel.MAX_BUILDS))
                .hasSize(TrendModel.MAX_BUILDS)
                .first()
                .satisfies(p -> assertThat(p.build()).isEqualTo(TrendModel.MAX_BUILDS + 5));
    }

    @Test
    void shouldAddTheTrendOnlyToJobsWhoseRecentBuildsRanPuppetDeploy() throws Exception {
        PuppetTrendActionFactory factory = new PuppetTrendActionFactory();
        FakeBuilds.FakeJob none = new FakeBuilds.FakeJob();
        FakeBuilds.FakeJob recent = new FakeBuilds.FakeJob();
        build(recent, true, 1, 0);
        build(recent, false, 0, 0);
        FakeBuilds.FakeJob longAgo = new FakeBuilds.FakeJob();
        build(longAgo, true, 1, 0);
        for (int i = 0; i < PuppetTrendActionFactory.BUILDS_CHECKED; i++) {
            build(longAgo, false, 0, 0);
        }

        assertThat(factory.createFor(none)).isEmpty();
        assertThat(factory.createFor(recent)).singleElement().isInstanceOf(PuppetTrendAction.class);
        assertThat(factory.createFor(longAgo)).isEmpty();
        assertThat(factory.type()).isEqualTo(hudson.model.Job.class);
    }
}
