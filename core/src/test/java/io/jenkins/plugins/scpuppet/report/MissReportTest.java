package io.jenkins.plugins.scpuppet.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.scpuppet.engine.CacheMiss;
import io.jenkins.plugins.scpuppet.engine.ParameterChange;
import io.jenkins.plugins.scpuppet.engine.RunOutcome;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskKey;
import io.jenkins.plugins.scpuppet.engine.TaskOutcome;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The miss fields in the run report and the JUnit XML (docs/run-report.md, "Miss reasons"). */
class MissReportTest {
    private static TaskOutcome task(String name, TaskStatus status, CacheMiss miss) {
        return new TaskOutcome(
                TaskKey.of("Share", Map.of("name", name)),
                true,
                status,
                1,
                5,
                1_000L,
                null,
                null,
                null,
                null,
                List.of(),
                0,
                miss,
                List.of());
    }

    static RunSummary everyReason() {
        List<TaskOutcome> tasks = new ArrayList<>();
        tasks.add(task("a", TaskStatus.EXECUTED, CacheMiss.NO_TARGET));
        tasks.add(task("b", TaskStatus.EXECUTED, CacheMiss.NO_TARGET));
        tasks.add(task("c", TaskStatus.EXECUTED, CacheMiss.CACHING_DISABLED));
        tasks.add(task(
                "d",
                TaskStatus.EXECUTED,
                CacheMiss.parametersChanged(List.of(
                        new ParameterChange("token", "***", "***"), new ParameterChange("version", "v1", "v2")))));
        tasks.add(task("e", TaskStatus.EXECUTED, CacheMiss.implementationChanged(1, 2)));
        tasks.add(task("f", TaskStatus.EXECUTED, CacheMiss.targetInvalid("result digest mismatch")));
        tasks.add(task("g", TaskStatus.EXECUTED, CacheMiss.PURGED));
        tasks.add(task("h", TaskStatus.EXECUTED, CacheMiss.forced("dry run")));
        tasks.add(task("i", TaskStatus.CACHED, null));
        return new RunSummary("r", RunOutcome.SUCCESS, 1_000L, 2_000L, tasks, 0, null);
    }

    private static JsonNode report(RunSummary summary) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunReportWriter.write(summary, out, Map.of());
        return new ObjectMapper().readTree(out.toByteArray());
    }

    @Test
    void shouldWriteEachReasonWithOnlyItsDetails() throws Exception {
        JsonNode tasks = report(everyReason()).path("tasks");

        assertThat(tasks.get(0).path("missReason").asText()).isEqualTo("NO_TARGET");
        assertThat(tasks.get(0).has("missDetails")).isFalse();
        assertThat(tasks.get(2).path("missReason").asText()).isEqualTo("CACHING_DISABLED");
        JsonNode changes = tasks.get(3).path("missDetails").path("changes");
        assertThat(changes.toString())
                .isEqualTo("[{\"parameter\":\"token\",\"old\":\"***\",\"new\":\"***\"},"
                        + "{\"parameter\":\"version\",\"old\":\"v1\",\"new\":\"v2\"}]");
        assertThat(tasks.get(4).path("missDetails").toString())
                .isEqualTo("{\"oldImplementation\":\"1\",\"newImplementation\":\"2\"}");
        assertThat(tasks.get(5).path("missDetails").toString()).isEqualTo("{\"problem\":\"result digest mismatch\"}");
        assertThat(tasks.get(6).path("missReason").asText()).isEqualTo("PURGED");
        assertThat(tasks.get(6).has("missDetails")).isFalse();
        assertThat(tasks.get(7).path("missDetails").toString()).isEqualTo("{\"problem\":\"dry run\"}");
        assertThat(tasks.get(8).has("missReason")).isFalse();
    }

    @Test
    void shouldCountOnlyReasonsThatOccur() throws Exception {
        JsonNode counts = report(everyReason()).path("totals").path("missReasons");

        assertThat(counts.toString())
                .isEqualTo("{\"NO_TARGET\":2,\"CACHING_DISABLED\":1,\"PARAMETERS_CHANGED\":1,"
                        + "\"IMPLEMENTATION_CHANGED\":1,\"TARGET_INVALID\":1,\"PURGED\":1,\"FORCED\":1}");
    }

    @Test
    void shouldLeaveOutTheCountsWhenNoTaskHasAReason() throws Exception {
        RunSummary hits = new RunSummary(
                "r", RunOutcome.SUCCESS, 1_000L, 2_000L, List.of(task("i", TaskStatus.CACHED, null)), 0, null);

        assertThat(report(hits).path("totals").has("missReasons")).isFalse();
    }

    @Test
    void shouldPutTheReasonInTheJUnitXmlAsTestcaseProperties() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JUnitXmlWriter.write(everyReason(), out);
        String xml = out.toString(StandardCharsets.UTF_8);

        assertThat(xml)
                .contains("<testcase classname=\"puppet.Share\" name=\"Share(name=d)\" time=\"0.005\"><properties>"
                        + "<property name=\"missReason\" value=\"PARAMETERS_CHANGED\"/>"
                        + "<property name=\"missDetails\" value=\"parameters changed: token *** -> ***, "
                        + "version v1 -> v2\"/></properties>")
                .contains("<testcase classname=\"puppet.Share\" name=\"Share(name=a)\" time=\"0.005\"><properties>"
                        + "<property name=\"missReason\" value=\"NO_TARGET\"/></properties>")
                .contains("<testcase classname=\"puppet.Share\" name=\"Share(name=i)\" time=\"0.005\"><system-out>");
    }
}
