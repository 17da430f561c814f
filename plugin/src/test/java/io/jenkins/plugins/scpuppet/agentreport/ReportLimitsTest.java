package io.jenkins.plugins.scpuppet.agentreport;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scpuppet.engine.RunOutcome;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskKey;
import io.jenkins.plugins.scpuppet.engine.TaskOutcome;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default limits against a report the size of the large sample manifest's. */
class ReportLimitsTest {
    /** test-resources/manifests/large: 18,530 tasks; its sandbox report is 18.2 MB, ids up to 320 characters. */
    private static final int LARGE_TASKS = 18_530;

    /** The size of that report as the agent wrote it (sandbox deploy, measured 2026-12-03). */
    private static final long LARGE_REPORT_CHARS = 18_187_445;

    @Test
    void shouldAcceptAReportShapedLikeTheLargeManifestsWithRoomToSpare() throws Exception {
        List<TaskKey> keys = new ArrayList<>();
        for (int i = 0; i < LARGE_TASKS; i++) {
            keys.add(key(i));
        }
        List<TaskOutcome> tasks = new ArrayList<>();
        for (int i = 0; i < LARGE_TASKS; i++) {
            List<TaskKey> requires = i == 0 ? keys.subList(1, 801) : List.of(keys.get((i + 1) % LARGE_TASKS));
            tasks.add(new TaskOutcome(keys.get(i), i % 2 == 0, TaskStatus.EXECUTED, 1, 20,
                    SampleReports.STARTED + i, null, null, i % 2 == 0 ? "output/" + keys.get(i).id() + ".json"
                    : null, null, requires, 0));
        }
        String sent = SampleReports.written(new RunSummary("large", RunOutcome.SUCCESS, SampleReports.STARTED,
                SampleReports.STARTED + 25_300, tasks, 0, null));

        RunReport report = ReportSchema.read(sent);

        assertThat(report.tasks()).hasSize(LARGE_TASKS);
        assertThat(report.tasks().get(0).requires()).hasSize(800);
        assertThat(keys.get(0).id().length()).isBetween(300, 340);
        assertThat((long) sent.length()).isGreaterThan(LARGE_REPORT_CHARS); // every id as long as its longest
        // At least five times the large manifest, in tasks and in size.
        assertThat(ReportLimits.DEFAULT.maxTasks()).isGreaterThanOrEqualTo(5 * LARGE_TASKS);
        assertThat((long) ReportLimits.DEFAULT.maxDocumentChars()).isGreaterThanOrEqualTo(5 * LARGE_REPORT_CHARS);
        assertThat(ReportJson.write(report).length()).isLessThan(sent.length()); // compact, as stored
    }

    /** A key like the large manifest's longest: a launch-role constraint of one account and region. */
    private static TaskKey key(int i) {
        Map<String, String> p = new LinkedHashMap<>();
        String account = String.format("%012d", 200_000_000_000L + i / 4);
        p.put("account_id", account);
        p.put("launch_constraints", "[{\"product\":null,\"productsRegex\":\".*\",\"roles\":[\"arn:aws:iam::" + account
                + ":role/Launch\"]}]");
        p.put("portfolio", "portfolio-" + i % 7);
        p.put("portfolio_id", "port-" + Integer.toHexString(i) + "abcdef");
        p.put("product_generation_method", "copy");
        p.put("puppet_account_id", "111111111111");
        p.put("region", "eu-west-" + (i % 4));
        p.put("task_number", Integer.toString(i));
        return TaskKey.of("CreateLaunchRoleConstraintsForPortfolio", p);
    }
}
