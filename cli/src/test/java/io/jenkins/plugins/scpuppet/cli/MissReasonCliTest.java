package io.jenkins.plugins.scpuppet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.scpuppet.manifest.AccountResolver;
import io.jenkins.plugins.scpuppet.manifest.Expander;
import io.jenkins.plugins.scpuppet.manifest.ExpansionOptions;
import io.jenkins.plugins.scpuppet.manifest.ManifestLoader;
import io.jenkins.plugins.scpuppet.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #22 end to end: the demo manifest deployed to the sandbox twice, the second time with one launch's version
 * changed. The second run's report names exactly that launch's provisioning-artifact parameters as PARAMETERS_CHANGED,
 * with the version's old and new value, and the summary line counts the reasons.
 */
class MissReasonCliTest {
    private static final String HUB = CliTest.HUB;

    @TempDir
    Path tmp;

    @Test
    void shouldNameTheChangedVersionOfTheOneLaunchThatChanged() throws Exception {
        String demo = Files.readString(CliTest.DEMO);
        String marker = "product: account-baseline\n    version: v1\n";
        assertThat(demo).contains(marker);
        Path before = Files.writeString(tmp.resolve("before.yaml"), demo);
        Path after = Files.writeString(
                tmp.resolve("after.yaml"), demo.replace(marker, "product: account-baseline\n    version: v2\n"));
        Path cache = tmp.resolve("cache");
        try (Sandbox box = new Sandbox(HUB)) {
            for (Path m : List.of(before, after)) {
                box.seed(
                        new Expander(AccountResolver.NONE)
                                .expand(
                                        new ManifestLoader().load(m, HUB),
                                        new ExpansionOptions(HUB, "eu-west-1", List.of())),
                        "eu-west-1",
                        List.of("eu-west-1", "eu-west-2"));
            }
            CliTest.Result first = deploy(box, before, cache);
            JsonNode firstReport = report(cache);
            CliTest.Result second = deploy(box, after, cache);
            JsonNode secondReport = report(cache);

            assertThat(first.exit()).as(first.out() + first.err()).isZero();
            assertThat(firstReport
                            .path("totals")
                            .path("missReasons")
                            .path("NO_TARGET")
                            .asInt())
                    .isPositive();
            assertThat(second.exit()).as(second.out() + second.err()).isZero();

            List<JsonNode> changed = new ArrayList<>();
            secondReport.path("tasks").forEach(t -> {
                if ("PARAMETERS_CHANGED".equals(t.path("missReason").asText())) {
                    changed.add(t);
                }
            });
            assertThat(changed).isNotEmpty();
            assertThat(secondReport
                            .path("totals")
                            .path("missReasons")
                            .path("PARAMETERS_CHANGED")
                            .asInt())
                    .isEqualTo(changed.size());
            for (JsonNode t : changed) {
                assertThat(t.path("family").asText()).isEqualTo("ProvisioningArtifactParametersTask");
                assertThat(t.path("parameters").path("product").asText()).isEqualTo("account-baseline");
                JsonNode version = null;
                List<String> names = new ArrayList<>();
                for (JsonNode c : t.path("missDetails").path("changes")) {
                    names.add(c.path("parameter").asText());
                    if ("version".equals(c.path("parameter").asText())) {
                        version = c;
                    }
                }
                // version_id is AWS's id of the version: it changes with it.
                assertThat(names).containsExactly("version", "version_id");
                assertThat(version.path("old").asText()).isEqualTo("v1");
                assertThat(version.path("new").asText()).isEqualTo("v2");
            }
            assertThat(second.out())
                    .containsPattern("SUCCESS: \\d+ executed, \\d+ cached, 0 failed, 0 skipped in [0-9.]+ s;"
                            + " executed: (\\d+ no target, )?" + changed.size()
                            + " parameters changed, \\d+ not cacheable;");
        }
    }

    private static CliTest.Result deploy(Sandbox box, Path manifest, Path cache) {
        return CliTest.onSandbox(
                box,
                List.of("--puppet-account-id", HUB, "--home-region", "eu-west-1"),
                "deploy",
                manifest.toString(),
                "--cache-dir",
                cache.toString(),
                "--workers",
                "4");
    }

    private static JsonNode report(Path cache) throws Exception {
        return new ObjectMapper().readTree(cache.resolve("run-report.json").toFile());
    }
}
