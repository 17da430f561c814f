package io.jenkins.plugins.scpuppet.launches;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dry-run table and the launch list read back from a run's journal, as the CLI and the steps share them. */
class LaunchTablesTest {
    @TempDir
    Path cache;

    private DryRunResults journal(String... lines) throws Exception {
        Path dir = Files.createDirectories(cache.resolve("runs").resolve("r1"));
        Files.writeString(dir.resolve("results.jsonl"), String.join("\n", lines) + "\n");
        return DryRunResults.read(cache, "r1");
    }

    private static String provision(String launch, String account, String result) {
        return "{\"family\":\"ProvisionProductDryRunTask\",\"parameters\":{\"launch_name\":\"" + launch
                + "\",\"account_id\":\"" + account + "\",\"region\":\"eu-west-1\",\"portfolio\":\"p\","
                + "\"product\":\"prod\"},\"result\":" + result + "}";
    }

    @Test
    void shouldListTerminationsFirstThenProvisionsSortedWithUpstreamsColumns() throws Exception {
        DryRunResults results = journal(
                provision(
                        "web",
                        "222222222222",
                        "{\"effect\":\"CHANGE\",\"current_version\":\"v1\","
                                + "\"new_version\":\"v2\",\"current_status\":\"AVAILABLE\",\"active\":true,"
                                + "\"provisioned_product_id\":\"pp-1\",\"notes\":\"version changes\"}"),
                provision(
                        "db",
                        "222222222222",
                        "{\"effect\":\"CHANGE\",\"current_version\":\"-\","
                                + "\"new_version\":\"v1\",\"current_status\":\"NOT_PROVISIONED\",\"active\":false,"
                                + "\"notes\":\"not provisioned yet\"}"),
                "{\"family\":\"TerminateProductDryRunTask\",\"parameters\":{\"launch_name\":\"old\","
                        + "\"account_id\":\"333333333333\",\"region\":\"eu-west-1\"},"
                        + "\"result\":{\"effect\":\"NO_CHANGE\",\"notes\":\"nothing to do\"}}",
                "{\"family\":\"GetSSMParamTask\",\"parameters\":{},\"result\":{}}");

        List<List<String>> rows = DryRunTable.rows(results);

        assertThat(rows)
                .containsExactly(
                        List.of("NO_CHANGE", "old", "333333333333", "eu-west-1", "", "", "nothing to do"),
                        List.of("CHANGE", "db", "222222222222", "eu-west-1", "-", "v1", "not provisioned yet"),
                        List.of("CHANGE", "web", "222222222222", "eu-west-1", "v1", "v2", "version changes"));
        assertThat(DryRunTable.maps(rows).get(2))
                .containsExactly(
                        Map.entry("Result", "CHANGE"),
                        Map.entry("Launch", "web"),
                        Map.entry("Account", "222222222222"),
                        Map.entry("Region", "eu-west-1"),
                        Map.entry("Current Version", "v1"),
                        Map.entry("New Version", "v2"),
                        Map.entry("Notes", "version changes"));
        assertThat(DryRunTable.render(rows)).isEqualTo("""
                Results
                +-----------+--------+--------------+-----------+-----------------+-------------+---------------------+
                | Result    | Launch | Account      | Region    | Current Version | New Version | Notes               |
                +-----------+--------+--------------+-----------+-----------------+-------------+---------------------+
                | NO_CHANGE | old    | 333333333333 | eu-west-1 |                 |             | nothing to do       |
                | CHANGE    | db     | 222222222222 | eu-west-1 | -               | v1          | not provisioned yet |
                | CHANGE    | web    | 222222222222 | eu-west-1 | v1              | v2          | version changes     |
                +-----------+--------+--------------+-----------+-----------------+-------------+---------------------+
                """);

        List<List<String>> launches = LaunchList.rows(results);
        assertThat(launches).hasSize(2);
        assertThat(LaunchList.maps(launches).get(1))
                .containsEntry("launch", "web")
                .containsEntry("expected_version", "v2")
                .containsEntry("actual_version", "v1")
                .containsEntry("active", "True")
                .containsEntry("status", "AVAILABLE")
                .containsEntry("provisioned_product_id", "pp-1");
        assertThat(LaunchList.maps(launches).get(0))
                .containsEntry("provisioned_product_id", "")
                .containsEntry("active", "False");
        assertThat(LaunchList.render(launches))
                .contains("| account_id   | region    | launch |")
                .doesNotContain("provisioned_product_id")
                .doesNotContain("pp-1");
    }

    @Test
    void shouldReadNoRowsWhenTheRunWroteNoJournal() throws Exception {
        DryRunResults none = DryRunResults.read(cache, "missing");

        assertThat(DryRunTable.rows(none)).isEmpty();
        assertThat(AsciiTable.render(List.of("a", "bb"), List.of()))
                .isEqualTo("+---+----+\n| a | bb |\n+---+----+\n+---+----+\n");
    }
}
