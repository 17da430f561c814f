package io.jenkins.plugins.scpuppet.cli;

import static io.jenkins.plugins.scpuppet.cli.CliTest.DEMO;
import static io.jenkins.plugins.scpuppet.cli.CliTest.HUB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.scpuppet.manifest.AccountResolver;
import io.jenkins.plugins.scpuppet.manifest.ExpandedManifest;
import io.jenkins.plugins.scpuppet.manifest.Expander;
import io.jenkins.plugins.scpuppet.manifest.ExpansionOptions;
import io.jenkins.plugins.scpuppet.manifest.Launch;
import io.jenkins.plugins.scpuppet.manifest.ManifestLoader;
import io.jenkins.plugins.scpuppet.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upstream 0.84's verbs against the sandbox: version, list-launches, dry-run and --single-account. */
class UpstreamVerbsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROD = "222222222222";
    private static final String DEV = "333333333333";

    @TempDir
    Path tmp;

    private static ExpandedManifest expand(Path manifest) throws Exception {
        return new Expander(AccountResolver.NONE)
                .expand(new ManifestLoader().load(manifest, HUB), new ExpansionOptions(HUB, "eu-west-1", List.of()));
    }

    private static Sandbox sandboxFor(Path manifest) throws Exception {
        Sandbox sandbox = new Sandbox(HUB);
        sandbox.seed(expand(manifest), "eu-west-1", List.of("eu-west-1", "eu-west-2"));
        return sandbox;
    }

    private static CliTest.Result on(Sandbox sandbox, String... args) {
        return CliTest.onSandbox(sandbox, List.of("--puppet-account-id", HUB, "--home-region", "eu-west-1"), args);
    }

    @Test
    void shouldPrintTheCliVersionAndBothVersionParametersAsUpstreamDoes() throws Exception {
        try (Sandbox sandbox = new Sandbox(HUB)) {
            CliTest.Result before = on(sandbox, "version");
            assertThat(before.exit()).as(before.err()).isZero();
            assertThat(before.out())
                    .contains("cli version: " + PuppetCli.VERSION)
                    .contains("regional stack version: none for region: eu-west-1")
                    .contains("stack version: none (no parameter service-catalog-puppet-version");

            var ssm = sandbox.clients().ssm(null, "eu-west-1");
            ssm.putParameter(r -> r.name("service-catalog-puppet-regional-version")
                    .type("String")
                    .value("0.84.0"));
            ssm.putParameter(
                    r -> r.name("service-catalog-puppet-version").type("String").value("0.84.1"));
            CliTest.Result after = on(sandbox, "version");
            assertThat(after.exit()).isZero();
            assertThat(after.out().lines().toList())
                    .containsExactly(
                            "cli version: " + PuppetCli.VERSION,
                            "regional stack version: 0.84.0 for region: eu-west-1",
                            "stack version: 0.84.1");
        }
    }

    @Test
    void shouldListEveryLaunchThenShowExactlyTheChangedVersionInTheDryRun() throws Exception {
        try (Sandbox sandbox = sandboxFor(DEMO)) {
            Path cache = tmp.resolve("cache");
            assertThat(on(sandbox, "deploy", DEMO.toString(), "--cache-dir", cache.toString(), "--no-mirror")
                            .exit())
                    .isZero();

            CliTest.Result listed =
                    on(sandbox, "list-launches", DEMO.toString(), "--format", "json", "--cache-dir", cache.toString());
            assertThat(listed.exit()).as(listed.err()).isZero();
            JsonNode launches = JSON.readTree(listed.out());
            ExpandedManifest demo = expand(DEMO);
            Set<String> expected = new HashSet<>();
            demo.manifest().launches().values().stream()
                    .filter(l -> l.status() == Launch.Status.PROVISIONED)
                    .forEach(l -> demo.launchTargets()
                            .get(l.name())
                            .forEach(t -> expected.add(t.accountId() + "_" + t.region() + "_" + l.name())));
            assertThat(expected).hasSize(7);
            assertThat(iterable(launches.fieldNames())).containsExactlyInAnyOrderElementsOf(expected);
            launches.forEach(entry -> {
                String launch = entry.path("launch").asText();
                assertThat(entry.path("expected_version").asText())
                        .isEqualTo(demo.manifest().launches().get(launch).version())
                        .isEqualTo(entry.path("actual_version").asText());
                assertThat(entry.path("status").asText()).isEqualTo("AVAILABLE");
                assertThat(entry.path("active").asBoolean()).isTrue();
            });
            CliTest.Result table = on(sandbox, "list-launches", DEMO.toString(), "--cache-dir", cache.toString());
            assertThat(table.out())
                    .contains("| account_id   | region    | launch ")
                    .contains("| 333333333333 | eu-west-2 | baseline-vpc ");

            Path changed = tmp.resolve("changed/manifest.yaml");
            Files.createDirectories(changed.getParent());
            Files.writeString(changed, Files.readString(DEMO).replace("version: v2", "version: v3"));
            sandbox.seed(expand(changed), "eu-west-1", List.of("eu-west-1", "eu-west-2"));
            CliTest.Result dryRun = on(sandbox, "dry-run", changed.toString(), "--cache-dir", cache.toString());

            assertThat(dryRun.exit()).as(dryRun.err()).isZero();
            List<List<String>> rows = rows(dryRun.out());
            assertThat(rows.get(0))
                    .containsExactly(
                            "Result", "Launch", "Account", "Region", "Current Version", "New Version", "Notes");
            List<List<String>> changes =
                    rows.stream().filter(r -> r.get(0).equals("CHANGE")).toList();
            assertThat(changes)
                    .extracting(r -> r.get(1) + " " + r.get(2) + " " + r.get(3) + " " + r.get(4) + "->" + r.get(5))
                    .containsExactlyInAnyOrder(
                            "baseline-vpc " + PROD + " eu-west-1 v2->v3",
                            "baseline-vpc " + PROD + " eu-west-2 v2->v3",
                            "baseline-vpc " + DEV + " eu-west-2 v2->v3");
            assertThat(rows).hasSize(1 + 7 + 1); // heading, every provisioned target, legacy-bastion's terminate
            assertThat(dryRun.out()).startsWith("Results\n+--");
        }
    }

    @Test
    void shouldDeployOnlyTheSingleAccountsTasksPlusTheHubTasksTheyNeed() throws Exception {
        try (Sandbox sandbox = sandboxFor(DEMO)) {
            Path cache = tmp.resolve("single");
            CliTest.Result r = on(
                    sandbox,
                    "deploy",
                    DEMO.toString(),
                    "--single-account",
                    DEV,
                    "--cache-dir",
                    cache.toString(),
                    "--no-mirror",
                    "--output",
                    "json");

            assertThat(r.exit()).as(r.err()).isZero();
            List<JsonNode> tasks = new ArrayList<>();
            JSON.readTree(r.out()).path("tasks").forEach(tasks::add);
            assertThat(tasks)
                    .allSatisfy(t -> assertThat(
                                    t.path("parameters").path("account_id").asText(DEV))
                            .as("%s", t)
                            .isIn(DEV, HUB));
            assertThat(tasks)
                    .filteredOn(t -> t.path("family").asText().equals("ProvisionProductTask"))
                    .extracting(t -> t.path("parameters").path("launch_name").asText())
                    .containsExactlyInAnyOrder("account-baseline", "baseline-vpc");
            assertThat(tasks)
                    .filteredOn(t ->
                            t.path("parameters").path("account_id").asText().equals(HUB))
                    .isNotEmpty();

            CliTest.Result nobody = on(
                    sandbox,
                    "deploy",
                    DEMO.toString(),
                    "--single-account",
                    "444444444444",
                    "--cache-dir",
                    cache.toString(),
                    "--no-mirror");
            assertThat(nobody.exit()).isEqualTo(2);
            assertThat(nobody.err()).contains("--single-account 444444444444: no launch");
        }
    }

    @Test
    void shouldKeepOnlyTheSingleAccountInGraphPlanAndExpandOffline() throws Exception {
        CliTest.Result graph = CliTest.cli(
                "graph", DEMO.toString(), "--format", "json", "--single-account", PROD, "--puppet-account-id", HUB);
        assertThat(graph.exit()).as(graph.err()).isZero();
        String text = graph.out();
        assertThat(text).contains(PROD).doesNotContain(DEV);
        assertThat(CliTest.cli(
                                "plan",
                                DEMO.toString(),
                                "--single-account",
                                PROD,
                                "--puppet-account-id",
                                HUB,
                                "--cache-dir",
                                tmp.resolve("plan").toString())
                        .out())
                .contains("account_id=" + PROD)
                .doesNotContain(DEV);
        CliTest.Result expanded =
                CliTest.cli("expand", DEMO.toString(), "--single-account", DEV, "--puppet-account-id", HUB);
        assertThat(expanded.exit()).isZero();
        assertThat(expanded.out()).contains(DEV).doesNotContain(PROD);
        assertThat(CliTest.cli("graph", DEMO.toString(), "--single-account", "12")
                        .exit())
                .isEqualTo(2);
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> out = new ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }

    /** The cells of an ASCII table's rows (heading first), trimmed. */
    private static List<List<String>> rows(String table) {
        return table.lines()
                .filter(l -> l.startsWith("|"))
                .map(l -> List.of(l.substring(1, l.length() - 1).split("\\|", -1)).stream()
                        .map(String::trim)
                        .toList())
                .toList();
    }
}
