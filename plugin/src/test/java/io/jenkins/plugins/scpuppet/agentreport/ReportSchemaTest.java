package io.jenkins.plugins.scpuppet.agentreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.engine.RunOutcome;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Each rule the controller applies to an agent's run report, broken once, and the message that names it. */
class ReportSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A valid report with a failure and a skip, as a tree to break. */
    private static ObjectNode valid() throws Exception {
        return (ObjectNode) JSON.readTree(SampleReports.report(2, 1, 1, 1, 3, 40));
    }

    private static ObjectNode task(ObjectNode report, int i) {
        return (ObjectNode) report.path("tasks").get(i);
    }

    private static AbstractThrowableAssert<?, ?> refused(String json, ReportLimits limits) {
        return assertThatThrownBy(() -> ReportSchema.read(json, limits)).isInstanceOf(InvalidReportException.class);
    }

    private static AbstractThrowableAssert<?, ?> refused(JsonNode report) {
        return refused(report.toString(), ReportLimits.DEFAULT);
    }

    @Test
    void shouldReadTheWritersReportIntoTypesAndWriteTheSameMeaningBack() throws Exception {
        String sent = SampleReports.report(2, 1, 1, 1, 3, 40);

        RunReport report = ReportSchema.read(sent);

        assertThat(report.outcome()).isEqualTo(RunOutcome.TASK_FAILURES);
        assertThat(report.tasks()).extracting(RunReport.Task::status)
                .containsExactly(TaskStatus.CACHED, TaskStatus.EXECUTED, TaskStatus.EXECUTED, TaskStatus.FAILED,
                        TaskStatus.SKIPPED);
        assertThat(report.totals().awsRetries()).isEqualTo(3L);
        assertThat(JSON.readTree(ReportJson.write(report))).isEqualTo(JSON.readTree(sent));
    }

    @Test
    void shouldKeepTheCacheSaveWarningAsTextWithinTheLimitAndWithoutMarkup() throws Exception {
        String warning = "cache not saved to s3://bucket/output: AccessDenied: <b>denied</b> & 'gone'";
        String sent = SampleReports.written(
                new io.jenkins.plugins.scpuppet.engine.RunSummary(
                        "run-2", RunOutcome.SUCCESS, SampleReports.STARTED, SampleReports.STARTED + 5, java.util
                                .List.of(), 0, null),
                warning);

        RunReport report = ReportSchema.read(sent);
        String stored = ReportJson.write(report);

        assertThat(report.outcome()).isEqualTo(RunOutcome.SUCCESS);
        assertThat(report.cacheSaveWarning()).isEqualTo(warning);
        assertThat(JSON.readTree(stored)).isEqualTo(JSON.readTree(sent));
        assertThat(stored).doesNotContain("<b>", "&", "'gone'");
        assertThat(ReportSchema.read(SampleReports.report(1, 0, 0, 0, 0, 0)).cacheSaveWarning()).isNull();
        refused(valid().put("cacheSaveWarning", 5)).hasMessageContaining("at cacheSaveWarning: expected a string");
        refused(valid().put("cacheSaveWarning", "w".repeat(70_000))).hasMessageContaining("at cacheSaveWarning: ");
    }

    @Test
    void shouldRefuseAnUnknownStatusNamingTheTaskAndTheKnownOnes() throws Exception {
        ObjectNode report = valid();
        task(report, 3).put("status", "X");

        refused(report).hasMessage("the agent's run report is invalid at tasks[3].status: unknown status 'X';"
                + " expected one of CACHED, EXECUTED, FAILED, SKIPPED");
    }

    @Test
    void shouldRefuseAnUnknownOutcomeAndAnExitStatusThatIsNotTheOutcomes() throws Exception {
        refused(valid().put("outcome", "PARTIAL")).hasMessageContaining("at outcome: unknown outcome 'PARTIAL'");
        refused(valid().put("exitStatus", 0))
                .hasMessageContaining("at exitStatus: exit status 0 does not go with outcome TASK_FAILURES");
        refused(valid().put("schema", "scpuppet-run-report/2"))
                .hasMessageContaining("at schema: unknown schema 'scpuppet-run-report/2'");
    }

    @Test
    void shouldRefuseAStringWhereANumberIs() throws Exception {
        ObjectNode report = valid();
        task(report, 1).put("attempts", "1");

        refused(report).hasMessageEndingWith("at tasks[1].attempts: expected a number, got a string");
        refused(valid().put("wallMillis", "1234")).hasMessageEndingWith("at wallMillis: expected a number, got a"
                + " string");
        ObjectNode rate = valid();
        ((ObjectNode) rate.path("totals")).put("cacheHitRate", "1.0");
        refused(rate).hasMessageEndingWith("at totals.cacheHitRate: expected a number, got a string");
    }

    @Test
    void shouldRefuseFractionsNegativesHugeNumbersAndNaN() throws Exception {
        ObjectNode fraction = valid();
        task(fraction, 1).put("attempts", 1.5);
        refused(fraction).hasMessageEndingWith("at tasks[1].attempts: expected a whole number, got 1.5");

        ObjectNode negative = valid();
        task(negative, 1).put("durationMillis", -5);
        refused(negative).hasMessageContaining("at tasks[1].durationMillis: -5 is out of range 0..");

        String huge = valid().toString().replace("\"wallMillis\":1234", "\"wallMillis\":123456789012345678901234");
        refused(huge, ReportLimits.DEFAULT).hasMessageContaining("at wallMillis: 123456789012345678901234 is out of"
                + " range");

        String nan = valid().toString().replaceFirst("\"cacheHitRate\":[0-9.E-]+", "\"cacheHitRate\":NaN");
        refused(nan, ReportLimits.DEFAULT)
                .hasMessageEndingWith("at totals.cacheHitRate: not valid JSON: Non-standard token 'NaN'");

        ObjectNode rate = valid();
        ((ObjectNode) rate.path("totals")).put("cacheHitRate", 1.5);
        refused(rate).hasMessageEndingWith("at totals.cacheHitRate: 1.5 is out of range 0..1");
    }

    @Test
    void shouldRefuseADocumentOverTheLimit() throws Exception {
        String sent = valid().toString();
        ReportLimits small = new ReportLimits(sent.length() - 1, 100, 8, 4096, 256, 65_536, 64);

        refused(sent, small).hasMessage("the agent's run report is invalid at $: " + sent.length()
                + " characters, more than the limit of " + (sent.length() - 1));
    }

    @Test
    void shouldRefuseMoreTasksThanTheLimit() throws Exception {
        ReportLimits three = new ReportLimits(1 << 20, 3, 8, 4096, 256, 65_536, 64);

        assertThat(ReportSchema.read(SampleReports.report(3, 0, 0, 0, 0, 0), three).tasks()).hasSize(3);
        ObjectNode four = (ObjectNode) JSON.readTree(SampleReports.report(4, 0, 0, 0, 0, 0));
        refused(four.toString(), three).hasMessageContaining("at totals.tasks: 4 is out of range 0..3");
        four.set("totals", four.remove("totals")); // now after the tasks: the array's own limit speaks first
        refused(four.toString(), three).hasMessageContaining("at tasks[3]: more than 3 entries (the limit)");
    }

    @Test
    void shouldRefuseAStringLongerThanItsFieldsLimit() throws Exception {
        ObjectNode id = valid();
        task(id, 0).put("id", "x".repeat(4097));
        refused(id).hasMessageEndingWith("at tasks[0].id: 4097 characters, more than the limit of 4096");

        ObjectNode param = valid();
        ((ObjectNode) task(param, 0).path("parameters")).put("region", "r".repeat(5000));
        refused(param).hasMessageContaining("at tasks[0].parameters.region: ");

        ObjectNode message = valid();
        task(message, 3).put("errorMessage", "e".repeat(70_000));
        refused(message).hasMessageContaining("at tasks[3].errorMessage: ");

        ObjectNode family = valid();
        task(family, 0).put("family", "<b>Task</b>");
        refused(family).hasMessageEndingWith("at tasks[0].family: '<b>Task</b>' is not a task family (letters and"
                + " digits)");
    }

    @Test
    void shouldRefuseNestingDeeperThanTheLimitEvenInAFieldItDrops() throws Exception {
        ObjectNode report = valid();
        ObjectNode deep = task(report, 0).putObject("extra");
        for (int i = 0; i < 10; i++) {
            deep = deep.putObject("d");
        }

        refused(report).hasMessageContaining("at tasks[0].extra.d.d.d.d").hasMessageContaining("nesting depth");
    }

    @Test
    void shouldDropFieldsTheSchemaDoesNotName() throws Exception {
        ObjectNode report = valid();
        report.put("planted", "<script>alert(1)</script>");
        task(report, 0).putObject("extra").put("x", 1);

        String stored = ReportJson.write(ReportSchema.read(report.toString()));

        assertThat(stored).doesNotContain("planted").doesNotContain("extra").doesNotContain("<");
        report.remove("planted");
        task(report, 0).remove("extra");
        assertThat(JSON.readTree(stored)).isEqualTo(report);
    }

    @Test
    void shouldRefuseMissingRequiredFieldsDuplicatesAndTrailingContent() throws Exception {
        ObjectNode noStatus = valid();
        task(noStatus, 2).remove("status");
        refused(noStatus).hasMessageEndingWith("at tasks[2].status: missing; the schema requires it");

        ObjectNode noTotal = valid();
        ((ObjectNode) noTotal.path("totals")).remove("cacheable");
        refused(noTotal).hasMessageEndingWith("at totals.cacheable: missing; the schema requires it");

        String twice = valid().toString().replace("\"runId\":", "\"runId\":\"a\",\"runId\":");
        refused(twice, ReportLimits.DEFAULT).hasMessageContaining("at runId: ").hasMessageContaining("runId");

        refused(valid() + " {}", ReportLimits.DEFAULT).hasMessageContaining("content after the report");
        refused("[1]", ReportLimits.DEFAULT).hasMessage("the agent's run report is invalid at $: expected an object,"
                + " got an array");
        refused("", ReportLimits.DEFAULT).hasMessageContaining("the agent sent no report");
        refused("{\"schema\":", ReportLimits.DEFAULT).hasMessageContaining("at schema: ");
    }

    @Test
    void shouldRefuseTotalsThatDisagreeWithTheTasks() throws Exception {
        ObjectNode executed = valid();
        ((ObjectNode) executed.path("totals")).put("executed", 40);
        refused(executed).hasMessageEndingWith("at totals.executed: 40 but 2 tasks are EXECUTED");

        ObjectNode rate = valid();
        ((ObjectNode) rate.path("totals")).put("cacheHitRate", 1.0);
        refused(rate).hasMessageContaining("at totals.cacheHitRate: 1.0 but cached / cacheable is 0.333");

        ObjectNode wall = valid();
        wall.put("wallMillis", 99);
        refused(wall).hasMessageEndingWith("at wallMillis: 99 but startedAt to finishedAt is 1234 ms");

        ObjectNode when = valid();
        when.put("startedAt", "yesterday");
        refused(when).hasMessageEndingWith("at startedAt: 'yesterday' is not an ISO-8601 instant");
    }

    @Test
    void shouldKeepTheMessageOfAnOffendingValueShortAndPrintable() throws Exception {
        ObjectNode report = valid();
        task(report, 0).put("status", "\u001b[31m" + "A".repeat(57));
        ArrayNode requires = (ArrayNode) task(report, 1).path("requires");
        requires.add(7);

        refused(report).hasMessageContaining("unknown status '?[31m" + "A".repeat(55) + "…'");
        task(report, 0).put("status", "CACHED");
        refused(report).hasMessageEndingWith("at tasks[1].requires[0]: expected a string, got a number");
    }
}
