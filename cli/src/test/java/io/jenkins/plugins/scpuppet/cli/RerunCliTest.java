package io.jenkins.plugins.scpuppet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.scpuppet.manifest.AccountResolver;
import io.jenkins.plugins.scpuppet.manifest.Expander;
import io.jenkins.plugins.scpuppet.manifest.ExpansionOptions;
import io.jenkins.plugins.scpuppet.manifest.ManifestLoader;
import io.jenkins.plugins.scpuppet.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #22's FORCED reason from the CLI: {@code deploy --rerun} runs every cacheable task again although each has a
 * valid target, and the report says why; the run after it reuses the new targets.
 */
class RerunCliTest {
    private static final String HUB = CliTest.HUB;

    @TempDir
    Path tmp;

    @Test
    void shouldRunEveryCacheableTaskAgainAndSayItWasForced() throws Exception {
        Path cache = tmp.resolve("cache");
        try (Sandbox box = new Sandbox(HUB)) {
            box.seed(
                    new Expander(AccountResolver.NONE)
                            .expand(
                                    new ManifestLoader().load(CliTest.DEMO, HUB),
                                    new ExpansionOptions(HUB, "eu-west-1", List.of())),
                    "eu-west-1",
                    List.of("eu-west-1", "eu-west-2"));
            CliTest.Result first = deploy(box, cache);
            JsonNode firstReport = report(cache);
            CliTest.Result rerun = deploy(box, cache, "--rerun");
            JsonNode rerunReport = report(cache);
            CliTest.Result after = deploy(box, cache);
            JsonNode afterReport = report(cache);

            assertThat(first.exit()).as(first.out() + first.err()).isZero();
            assertThat(rerun.exit()).as(rerun.out() + rerun.err()).isZero();
            assertThat(after.exit()).as(after.out() + after.err()).isZero();
            int cacheable = firstReport.path("totals").path("cacheable").asInt();
            assertThat(cacheable).isPositive();

            List<String> reasons = new ArrayList<>();
            rerunReport.path("tasks").forEach(t -> {
                if (t.path("cacheable").asBoolean()) {
                    assertThat(t.path("status").asText())
                            .as(t.path("id").asText())
                            .isEqualTo("EXECUTED");
                    assertThat(t.path("missDetails").path("problem").asText()).isEqualTo("re-run requested (--rerun)");
                    reasons.add(t.path("missReason").asText());
                }
            });
            assertThat(reasons).hasSize(cacheable).containsOnly("FORCED");
            assertThat(rerunReport
                            .path("totals")
                            .path("missReasons")
                            .path("FORCED")
                            .asInt())
                    .isEqualTo(cacheable);
            assertThat(rerunReport.path("totals").path("cached").asInt()).isZero();
            assertThat(rerun.out()).contains("executed: " + cacheable + " forced");

            assertThat(afterReport.path("totals").path("cacheHitRate").asDouble())
                    .isEqualTo(1.0);
            assertThat(afterReport.path("totals").has("missReasons")).isFalse();
        }
    }

    @Test
    void shouldRefuseARerunOfADryRun() {
        CliTest.Result r = CliTest.cli("deploy", CliTest.DEMO.toString(), "--rerun", "--dry-run");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--rerun and --dry-run together");
    }

    private static CliTest.Result deploy(Sandbox box, Path cache, String... more) {
        List<String> args = new ArrayList<>(
                List.of("deploy", CliTest.DEMO.toString(), "--cache-dir", cache.toString(), "--workers", "4"));
        args.addAll(List.of(more));
        return CliTest.onSandbox(
                box, List.of("--puppet-account-id", HUB, "--home-region", "eu-west-1"), args.toArray(String[]::new));
    }

    private static JsonNode report(Path cache) throws Exception {
        return new ObjectMapper().readTree(cache.resolve("run-report.json").toFile());
    }
}
