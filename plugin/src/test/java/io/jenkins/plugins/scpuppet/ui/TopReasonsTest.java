package io.jenkins.plugins.scpuppet.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.scpuppet.agentreport.MissReason;
import io.jenkins.plugins.scpuppet.agentreport.MissReports;
import io.jenkins.plugins.scpuppet.agentreport.ReportSchema;
import io.jenkins.plugins.scpuppet.agentreport.SampleReports;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build card's top miss reasons: summed over every call, most first, three at most, from accepted reports. */
class TopReasonsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static DeploySection section(Map<String, Integer> reasons) {
        return new DeploySection("m.yaml", "puppet/1/run-report.json", 0, 0, 0, 0, 0, 0, 0, 0, reasons);
    }

    @Test
    void shouldSumEveryCallAndKeepTheThreeMostWithTiesInTheSchemasOrder() {
        TopReasons top = TopReasons.of(
                List.of(
                        section(Map.of("NO_TARGET", 2, "FORCED", 4, "PURGED", 1)),
                        section(Map.of("NO_TARGET", 3, "PARAMETERS_CHANGED", 1, "CACHING_DISABLED", 1)),
                        section(Map.of())),
                TopReasons.SHOWN);

        assertThat(top.entries())
                .containsExactly(
                        new TopReasons.Entry("NO_TARGET", 5),
                        new TopReasons.Entry("FORCED", 4),
                        new TopReasons.Entry("CACHING_DISABLED", 1)); // before PARAMETERS_CHANGED and PURGED
    }

    @Test
    void shouldPutANameFromAnotherPluginVersionAfterTheKnownOnesAndShowNothingWithoutReasons() {
        assertThat(TopReasons.of(List.of(section(Map.of("RENAMED", 2, "PURGED", 2))), 3).entries())
                .extracting(TopReasons.Entry::reason)
                .containsExactly("PURGED", "RENAMED");
        assertThat(TopReasons.of(List.of(), 3).entries()).isEmpty();
    }

    @Test
    void shouldPutTheTopReasonsOnTheCardFromTheAcceptedReportsOfEveryCall() throws Exception {
        FakeBuilds.FakeRun run = new FakeBuilds.FakeJob().newBuild(tmp.toFile());
        PuppetRunAction.record(run, "a.yaml", MissReports.report(Map.of(MissReason.NO_TARGET, 3,
                MissReason.PARAMETERS_CHANGED, 1, MissReason.IMPLEMENTATION_CHANGED, 2)));
        PuppetRunAction.record(run, "b.yaml", MissReports.report(Map.of(MissReason.PARAMETERS_CHANGED, 2,
                MissReason.TARGET_INVALID, 1)));
        PuppetRunAction.record(run, "c.yaml", SampleReports.report(1, 0, 0, 0, 1, 0)); // an old report: no reasons

        JsonNode card = JSON.readTree(run.getAction(PuppetRunAction.class).getSummaryJson());

        assertThat(card.path("topReasons").toString())
                .isEqualTo("[{\"reason\":\"NO_TARGET\",\"tasks\":3},{\"reason\":\"PARAMETERS_CHANGED\",\"tasks\":3},"
                        + "{\"reason\":\"IMPLEMENTATION_CHANGED\",\"tasks\":2}]");
        assertThat(run.getAction(PuppetRunAction.class).getSections().get(1).getMissReasons())
                .containsExactly(Map.entry("PARAMETERS_CHANGED", 2), Map.entry("TARGET_INVALID", 1));
        assertThat(DeploySection.of("m", "f", ReportSchema.read(MissReports.twoReasons().toString()))
                        .getMissReasons())
                .containsExactly(Map.entry("NO_TARGET", 1), Map.entry("PARAMETERS_CHANGED", 1));
    }
}
