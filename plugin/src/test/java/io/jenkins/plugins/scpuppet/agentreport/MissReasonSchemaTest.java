package io.jenkins.plugins.scpuppet.agentreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * The miss-reason fields of issue #22 (missReason, missDetails, totals.missReasons): each rule the controller
 * applies, broken once by a hostile report, and the message that names the JSON path and the rule.
 */
class MissReasonSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Planted where the agent masked a value, or in a value the controller refuses: it must never be repeated. */
    private static final String SENTINEL = "SENTINEL-s3cr3t-7f2a";

    static ObjectNode withReasons() {
        return MissReports.twoReasons();
    }

    private static ObjectNode task(ObjectNode report, int i) {
        return (ObjectNode) report.path("tasks").get(i);
    }

    private static ObjectNode details(ObjectNode report, int i) {
        return (ObjectNode) task(report, i).path("missDetails");
    }

    private static ObjectNode change(ObjectNode report, int i) {
        return (ObjectNode) details(report, 1).path("changes").get(i);
    }

    private static ObjectNode reasons(ObjectNode report) {
        return (ObjectNode) report.path("totals").path("missReasons");
    }

    private static AbstractThrowableAssert<?, ?> refused(JsonNode report) {
        return refused(report.toString());
    }

    private static AbstractThrowableAssert<?, ?> refused(String json) {
        return assertThatThrownBy(() -> ReportSchema.read(json))
                .isInstanceOf(InvalidReportException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SENTINEL));
    }

    @Test
    void shouldReadTheReasonsIntoTypesAndWriteTheSameMeaningBack() throws Exception {
        ObjectNode sent = withReasons();

        RunReport report = ReportSchema.read(sent.toString());

        assertThat(report.tasks().get(1).missReason()).isEqualTo(MissReason.PARAMETERS_CHANGED);
        assertThat(report.tasks().get(1).missDetails().changes())
                .containsExactly(
                        new MissDetails.Change("added", null, "{\"a\":1}"),
                        new MissDetails.Change("password", "***", "***"),
                        new MissDetails.Change("version", "v1", "v2"));
        assertThat(report.tasks().get(2).missDetails()).isNull();
        assertThat(report.tasks().get(0).missReason()).isNull();
        assertThat(report.totals().missReasons())
                .containsExactly(Map.entry(MissReason.NO_TARGET, 1), Map.entry(MissReason.PARAMETERS_CHANGED, 1));
        String stored = ReportJson.write(report);
        assertThat(JSON.readTree(stored)).isEqualTo(sent);
        assertThat(stored).contains("\"old\":null").doesNotContain("<", "'");
    }

    @Test
    void shouldStillLoadAnOldReportWithoutTheFieldsAndWriteNoneBack() throws Exception {
        String old = SampleReports.report(2, 1, 1, 1, 3, 40);

        RunReport report = ReportSchema.read(old);

        assertThat(report.totals().missReasons()).isEmpty();
        assertThat(report.tasks()).allSatisfy(t -> assertThat(t.missReason()).isNull());
        assertThat(ReportJson.write(report)).doesNotContain("miss");
    }

    @Test
    void shouldReadEachReasonWithItsOwnDetails() throws Exception {
        for (MissReason reason : MissReason.values()) {
            ObjectNode report = withReasons();
            MissReports.withDetails(task(report, 2), reason);
            ObjectNode counts = reasons(report).removeAll();
            counts.put("PARAMETERS_CHANGED", 1 + (reason == MissReason.PARAMETERS_CHANGED ? 1 : 0));
            if (reason != MissReason.PARAMETERS_CHANGED) {
                counts.put(reason.name(), 1);
            }

            assertThat(JSON.readTree(ReportJson.write(ReportSchema.read(report.toString()))))
                    .as(reason.name())
                    .isEqualTo(report);
        }
    }

    @Test
    void shouldRefuseAReasonTheEngineDoesNotName() throws Exception {
        ObjectNode report = withReasons();
        task(report, 2).put("missReason", "STALE");
        refused(report)
                .hasMessage("the agent's run report is invalid at tasks[2].missReason: unknown miss reason 'STALE';"
                        + " expected one of NO_TARGET, CACHING_DISABLED, PARAMETERS_CHANGED, IMPLEMENTATION_CHANGED,"
                        + " TARGET_INVALID, PURGED, FORCED");

        ObjectNode number = withReasons();
        task(number, 2).put("missReason", 3);
        refused(number).hasMessageEndingWith("at tasks[2].missReason: expected a string, got a number");
    }

    @Test
    void shouldRefuseAReasonOnATaskTheEngineDidNotRunOrThatIsNotCacheable() throws Exception {
        ObjectNode cached = withReasons();
        task(cached, 0).put("missReason", "NO_TARGET");
        refused(cached).hasMessageEndingWith("at tasks[0].missReason: only a cacheable EXECUTED or FAILED task has"
                + " one; this task is CACHED");

        ObjectNode skipped = withReasons();
        task(skipped, 4).put("missReason", "NO_TARGET");
        refused(skipped).hasMessageEndingWith("at tasks[4].missReason: only a cacheable EXECUTED or FAILED task has"
                + " one; this task is not cacheable");

        ObjectNode failed = withReasons();
        task(failed, 3).put("missReason", "NO_TARGET").put("cacheable", true);
        ((ObjectNode) failed.path("totals")).put("cacheable", 4).put("cacheHitRate", 0.25);
        reasons(failed).put("NO_TARGET", 2);
        assertThat(ReportSchema.read(failed.toString()).tasks().get(3).missReason()).isEqualTo(MissReason.NO_TARGET);
    }

    @Test
    void shouldRefuseDetailsWithoutTheirReasonOrMissingForIt() throws Exception {
        ObjectNode orphan = withReasons();
        task(orphan, 1).remove("missReason");
        refused(orphan).hasMessageEndingWith("at tasks[1].missDetails: given without a missReason");

        ObjectNode wrong = withReasons();
        task(wrong, 1).put("missReason", "NO_TARGET");
        refused(wrong).hasMessageEndingWith("at tasks[1].missDetails.changes: belongs to PARAMETERS_CHANGED, not"
                + " NO_TARGET");

        ObjectNode problem = withReasons();
        details(problem, 1).put("problem", "corrupt");
        refused(problem).hasMessageEndingWith("at tasks[1].missDetails.problem: belongs to TARGET_INVALID or FORCED,"
                + " not PARAMETERS_CHANGED");

        ObjectNode half = withReasons();
        task(half, 2).put("missReason", "IMPLEMENTATION_CHANGED").putObject("missDetails").put("oldImplementation", "3");
        reasons(half).removeAll().put("PARAMETERS_CHANGED", 1).put("IMPLEMENTATION_CHANGED", 1);
        refused(half).hasMessageEndingWith("at tasks[2].missDetails.newImplementation: missing; IMPLEMENTATION_CHANGED"
                + " requires it");

        ObjectNode bare = withReasons();
        task(bare, 1).remove("missDetails");
        refused(bare).hasMessageEndingWith("at tasks[1].missDetails.changes: missing; PARAMETERS_CHANGED requires it");

        ObjectNode empty = withReasons();
        task(empty, 2).putObject("missDetails");
        refused(empty).hasMessageEndingWith("at tasks[2].missDetails: no details; leave missDetails out when the"
                + " reason carries none");

        ObjectNode none = withReasons();
        details(none, 1).putArray("changes");
        refused(none).hasMessageEndingWith("at tasks[1].missDetails.changes: no changes; PARAMETERS_CHANGED names at"
                + " least one");
    }

    @Test
    void shouldRefuseMoreChangesThanTheLimitAndChangesOutOfOrderOrTwice() throws Exception {
        ObjectNode many = withReasons();
        ArrayNode changes = details(many, 1).putArray("changes");
        for (int i = 0; i <= MissReader.MAX_CHANGES; i++) {
            changes.addObject().put("parameter", String.format("p%03d", i)).put("old", "a").put("new", "b");
        }
        refused(many).hasMessageEndingWith("at tasks[1].missDetails.changes[64]: more than 64 entries (the limit)");
        changes.remove(MissReader.MAX_CHANGES);
        assertThat(ReportSchema.read(many.toString()).tasks().get(1).missDetails().changes()).hasSize(64);

        ObjectNode unsorted = withReasons();
        change(unsorted, 2).put("parameter", "account");
        refused(unsorted).hasMessageEndingWith("at tasks[1].missDetails.changes[2].parameter: 'account' is not after"
                + " the previous change's; changes are sorted by parameter, each once");

        ObjectNode twice = withReasons();
        change(twice, 2).put("parameter", "password");
        refused(twice).hasMessageContaining("at tasks[1].missDetails.changes[2].parameter: 'password' is not after");
    }

    @Test
    void shouldRefuseNamesAndValuesOverTheirLimitsWithoutRepeatingTheValue() throws Exception {
        ObjectNode name = withReasons();
        change(name, 2).put("parameter", "v".repeat(257));
        refused(name).hasMessageEndingWith("at tasks[1].missDetails.changes[2].parameter: 257 characters, more than"
                + " the limit of 256");

        ObjectNode value = withReasons();
        change(value, 2).put("new", SENTINEL + "x".repeat(4097 - SENTINEL.length()));
        refused(value).hasMessageEndingWith("at tasks[1].missDetails.changes[2].new: 4097 characters, more than the"
                + " limit of 4096");

        ObjectNode longest = withReasons();
        change(longest, 2).put("new", "x".repeat(4093) + "...");
        assertThat(ReportSchema.read(longest.toString()).tasks().get(1).missDetails().changes().get(2).newValue())
                .hasSize(4096);

        ObjectNode number = withReasons();
        change(number, 2).put("old", 1);
        refused(number).hasMessageEndingWith("at tasks[1].missDetails.changes[2].old: expected a string or null, got"
                + " a number");

        ObjectNode object = withReasons();
        change(object, 1).putObject("old").put("secret", SENTINEL);
        refused(object).hasMessageEndingWith("at tasks[1].missDetails.changes[1].old: expected a string or null, got"
                + " an object");

        ObjectNode empty = withReasons();
        change(empty, 0).put("parameter", "");
        refused(empty).hasMessageEndingWith("at tasks[1].missDetails.changes[0].parameter: an empty parameter name");

        ObjectNode problem = withReasons();
        task(problem, 2).put("missReason", "TARGET_INVALID").putObject("missDetails").put("problem", "p".repeat(70_000));
        reasons(problem).removeAll().put("PARAMETERS_CHANGED", 1).put("TARGET_INVALID", 1);
        refused(problem).hasMessageContaining("at tasks[2].missDetails.problem: ").hasMessageContaining("70000");
    }

    @Test
    void shouldRefuseAChangeWithoutItsParameterOrEitherSide() throws Exception {
        ObjectNode noParameter = withReasons();
        change(noParameter, 2).remove("parameter");
        refused(noParameter).hasMessageEndingWith("at tasks[1].missDetails.changes[2].parameter: missing; the schema"
                + " requires it");

        ObjectNode noOld = withReasons();
        change(noOld, 2).remove("old");
        refused(noOld).hasMessageEndingWith("at tasks[1].missDetails.changes[2].old: missing; the schema requires it");

        ObjectNode nulls = withReasons();
        change(nulls, 2).putNull("old").putNull("new");
        refused(nulls).hasMessageEndingWith("at tasks[1].missDetails.changes[2].old: both sides are null; a change"
                + " has at least one value");
    }

    @Test
    void shouldRefuseAFieldGivenTwice() throws Exception {
        String reason = withReasons().toString().replace("\"missReason\":\"NO_TARGET\"",
                "\"missReason\":\"NO_TARGET\",\"missReason\":\"FORCED\"");
        refused(reason).hasMessageContaining("at tasks[2].missReason: ").hasMessageContaining("Duplicate field");

        String old = withReasons().toString().replace("\"old\":\"v1\"", "\"old\":\"v1\",\"old\":\"" + SENTINEL + "\"");
        refused(old).hasMessageContaining("at tasks[1].missDetails.changes[2].old: ");

        String total = withReasons().toString().replace("\"NO_TARGET\":1", "\"NO_TARGET\":1,\"NO_TARGET\":1");
        refused(total).hasMessageContaining("at totals.missReasons.NO_TARGET: ");
    }

    @Test
    void shouldRefuseTotalsThatDisagreeWithTheTasksReasons() throws Exception {
        ObjectNode more = withReasons();
        reasons(more).put("NO_TARGET", 9);
        refused(more).hasMessageEndingWith("at totals.missReasons.NO_TARGET: 9 but 1 tasks have missReason NO_TARGET");

        ObjectNode extra = withReasons();
        reasons(extra).put("PURGED", 1);
        refused(extra).hasMessageEndingWith("at totals.missReasons.PURGED: 1 but 0 tasks have missReason PURGED");

        ObjectNode absent = withReasons();
        reasons(absent).remove("NO_TARGET");
        refused(absent).hasMessageEndingWith("at totals.missReasons.NO_TARGET: absent but 1 tasks have missReason"
                + " NO_TARGET");

        ObjectNode missing = withReasons();
        ((ObjectNode) missing.path("totals")).remove("missReasons");
        refused(missing).hasMessageEndingWith("at totals.missReasons: missing but 2 tasks have a missReason");

        ObjectNode zero = withReasons();
        reasons(zero).put("PURGED", 0);
        refused(zero).hasMessageEndingWith("at totals.missReasons.PURGED: 0 is out of range 1..100000");

        ObjectNode empty = withReasons();
        task(empty, 1).remove("missReason");
        task(empty, 1).remove("missDetails");
        task(empty, 2).remove("missReason");
        reasons(empty).removeAll();
        refused(empty).hasMessageEndingWith("at totals.missReasons: no reasons; leave missReasons out when no task"
                + " has one");

        ObjectNode unknown = withReasons();
        reasons(unknown).put("STALE", 1);
        refused(unknown).hasMessageEndingWith("at totals.missReasons.STALE: unknown miss reason; expected one of"
                + " NO_TARGET, CACHING_DISABLED, PARAMETERS_CHANGED, IMPLEMENTATION_CHANGED, TARGET_INVALID, PURGED,"
                + " FORCED");

        ObjectNode text = withReasons();
        reasons(text).put("NO_TARGET", "1");
        refused(text).hasMessageEndingWith("at totals.missReasons.NO_TARGET: expected a number, got a string");
    }

    @Test
    void shouldDropFieldsTheSchemaDoesNotNameInsideTheDetailsAndEscapeMarkupInValues() throws Exception {
        ObjectNode report = withReasons();
        change(report, 1).put("raw", SENTINEL);
        details(report, 1).put("planted", "<script>" + SENTINEL + "</script>");

        change(report, 2).put("new", "<img src=x onerror=alert(1)> & 'v2'");

        String stored = ReportJson.write(ReportSchema.read(report.toString()));

        assertThat(stored).doesNotContain(SENTINEL).doesNotContain("planted").doesNotContain("raw");
        assertThat(stored).doesNotContain("<", ">", "&", "'"); // markup in a value is stored escaped
        ObjectNode expected = withReasons();
        change(expected, 2).put("new", "<img src=x onerror=alert(1)> & 'v2'");
        assertThat(JSON.readTree(stored)).isEqualTo(expected);
    }
}
