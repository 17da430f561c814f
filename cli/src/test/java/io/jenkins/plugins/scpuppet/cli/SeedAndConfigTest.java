package io.jenkins.plugins.scpuppet.cli;

import static io.jenkins.plugins.scpuppet.cli.CliTest.DEMO;
import static io.jenkins.plugins.scpuppet.cli.CliTest.HUB;
import static io.jenkins.plugins.scpuppet.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scpuppet.manifest.AccountResolver;
import io.jenkins.plugins.scpuppet.manifest.Expander;
import io.jenkins.plugins.scpuppet.manifest.ExpansionOptions;
import io.jenkins.plugins.scpuppet.manifest.ManifestLoader;
import io.jenkins.plugins.scpuppet.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** seed's examples validate and deploy twice in the sandbox; set-regions and upload-config write the SSM config. */
class SeedAndConfigTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"simple", "quickstart"})
    void shouldSeedAnExampleThatValidatesAndDeploysTwiceTheSecondTimeFromTheCache(String complexity) throws Exception {
        CliTest.Result seeded = cli("seed", complexity, tmp.toString());
        assertThat(seeded.exit()).as(seeded.err()).isZero();
        Path manifest = tmp.resolve("manifest.yaml");
        assertThat(cli("validate", manifest.toString()).exit()).isZero();

        CliTest.Result deploys = cli(
                "deploy",
                manifest.toString(),
                "--sandbox",
                "--repeat",
                "2",
                "--cache-dir",
                tmp.resolve("cache").toString());

        assertThat(deploys.exit()).as(deploys.err()).isZero();
        String first = deploys.out().substring(0, deploys.out().indexOf("== deploy 2 of 2 =="));
        String second = deploys.out().substring(deploys.out().indexOf("== deploy 2 of 2 =="));
        assertThat(first).contains("SUCCESS: ").contains("cache hit rate 0% (0 of ");
        // Every cacheable task comes from the cache; the lookups that are never cached run again, as upstream's do.
        assertThat(second)
                .containsPattern("SUCCESS: \\d+ executed, [1-9]\\d* cached, 0 failed, 0 skipped")
                .containsPattern("cache hit rate 100% \\(([1-9]\\d*) of \\1 cacheable\\)");
    }

    @Test
    void shouldRefuseToOverwriteOrToSeedAnUnknownExample() throws Exception {
        assertThat(cli("seed", "simple", tmp.toString(), "--account-id", HUB).exit())
                .isZero();
        assertThat(Files.readString(tmp.resolve("manifest.yaml"))).contains("\"" + HUB + "\"");
        CliTest.Result again = cli("seed", "quickstart", tmp.toString());
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("exists; seed leaves it alone (--force replaces it)");
        assertThat(Files.readString(tmp.resolve("manifest.yaml"))).doesNotContain("devops-iam-for-prod");
        assertThat(cli("seed", "quickstart", tmp.toString(), "--force").exit()).isZero();
        assertThat(Files.readString(tmp.resolve("manifest.yaml"))).contains("devops-iam-for-prod");
        CliTest.Result unknown = cli("seed", "complex", tmp.toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("COMPLEXITY must be simple or quickstart, got 'complex'");
        assertThat(cli("seed", "simple", tmp.resolve("nope").toString()).exit()).isEqualTo(2);
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("manifest.yaml");
        }
    }

    @Test
    void shouldSetRegionsAndUploadAConfigOnlyWhenEverySettingIsValid() throws Exception {
        try (Sandbox sandbox = new Sandbox(HUB)) {
            sandbox.seed(
                    new Expander(AccountResolver.NONE)
                            .expand(
                                    new ManifestLoader().load(DEMO, HUB),
                                    new ExpansionOptions(HUB, "eu-west-1", List.of())),
                    "eu-west-1",
                    List.of("eu-west-1"));
            List<String> options = List.of("--puppet-account-id", HUB, "--home-region", "eu-west-1");

            assertThat(CliTest.onSandbox(sandbox, options, "set-regions", "eu-west-1", "eu-west-3")
                            .exit())
                    .isZero();
            assertThat(CliTest.onSandbox(sandbox, options, "get-config-value", "regions")
                            .out())
                    .isEqualTo("[eu-west-1, eu-west-3]\n");
            CliTest.Result badRegion = CliTest.onSandbox(sandbox, options, "set-regions", "europe");
            assertThat(badRegion.exit()).isEqualTo(2);
            assertThat(badRegion.err()).contains("'europe' is not a region name");

            Path good = tmp.resolve("config.yaml");
            Files.writeString(good, "regions: [us-east-1, us-west-2]\nis_caching_enabled: false\n");
            CliTest.Result uploaded = CliTest.onSandbox(sandbox, options, "upload-config", good.toString());
            assertThat(uploaded.exit()).as(uploaded.err()).isZero();
            assertThat(uploaded.out()).isEqualTo("Uploaded config\n");
            assertThat(CliTest.onSandbox(sandbox, options, "get-config-value", "regions")
                            .out())
                    .isEqualTo("[us-east-1, us-west-2]\n");

            Path bad = tmp.resolve("bad.yaml");
            Files.writeString(bad, "regions: [eu-west-1]\nis_caching_enabled: maybe\n");
            CliTest.Result refused = CliTest.onSandbox(sandbox, options, "upload-config", bad.toString());
            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.err()).contains("is_caching_enabled takes True or False, got 'maybe'");
            assertThat(CliTest.onSandbox(sandbox, options, "get-config-value", "regions")
                            .out())
                    .isEqualTo("[us-east-1, us-west-2]\n");
        }
    }
}
