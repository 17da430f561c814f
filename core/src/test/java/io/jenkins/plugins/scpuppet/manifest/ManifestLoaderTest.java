package io.jenkins.plugins.scpuppet.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {
    @TempDir
    Path dir;

    private Path manifest() throws Exception {
        Path m = dir.resolve("manifest.yaml");
        Files.writeString(m, """
                schema: puppet-2019-04-01
                accounts:
                  - account_id: "111111111111"
                    default_region: eu-west-1
                    tags: [type:hub]
                launches:
                  vpc:
                    portfolio: p
                    product: vpc
                    version: v1
                    deploy_to: {tags: [{tag: "type:hub"}]}
                """);
        return m;
    }

    @Test
    void shouldMergeSiblingFoldersAndManifestsFolder() throws Exception {
        Path m = manifest();
        Files.createDirectories(dir.resolve("launches"));
        Files.writeString(dir.resolve("launches/extra.yaml"), """
                flow-logs:
                  portfolio: p
                  product: flow
                  version: v1
                  deploy_to: {tags: [{tag: "type:hub"}]}
                """);
        Files.createDirectories(dir.resolve("parameters"));
        Files.writeString(dir.resolve("parameters/p.yaml"), "Org: {default: acme}\n");
        Files.createDirectories(dir.resolve("manifests"));
        Files.writeString(dir.resolve("manifests/team.yaml"), """
                lambda-invocations:
                  notify:
                    function_name: fn
                    invocation_type: Event
                    invoke_for: {tags: [{tag: "type:hub"}]}
                """);

        Manifest loaded = new ManifestLoader().load(m, "111111111111");

        assertThat(loaded.launches()).containsOnlyKeys("vpc", "flow-logs");
        assertThat(loaded.parameters()).containsKey("Org");
        assertThat(loaded.lambdaInvocations()).containsOnlyKeys("notify");
    }

    @Test
    void shouldLocateErrorsInSiblingFilesByTheirOwnName() throws Exception {
        Path m = manifest();
        Files.createDirectories(dir.resolve("launches"));
        Files.writeString(dir.resolve("launches/bad.yaml"), "broken:\n  portfolio: p\n");

        assertThatThrownBy(() -> new ManifestLoader().load(m, "111111111111"))
                .hasMessageContaining("launches/bad.yaml:1:1: launches.broken: missing required key 'product'");
    }

    @Test
    void shouldWarnWhenAnItemIsDefinedTwice() throws Exception {
        Path m = manifest();
        Files.createDirectories(dir.resolve("launches"));
        Files.writeString(dir.resolve("launches/again.yaml"), """
                vpc:
                  portfolio: p
                  product: vpc
                  version: v9
                  deploy_to: {tags: [{tag: "type:hub"}]}
                """);

        Manifest loaded = new ManifestLoader().load(m, "111111111111");

        assertThat(loaded.launches().get("vpc").version()).isEqualTo("v9");
        assertThat(loaded.warnings()).anyMatch(w -> w.toString().contains("also defined at manifest.yaml:7:3"));
    }

    @Test
    void shouldApplyVersionOverridesFromBothPropertiesFiles() throws Exception {
        Path m = manifest();
        Files.writeString(dir.resolve("manifest.properties"), "[launches]\nvpc.version = v2\n");
        Files.writeString(dir.resolve("manifest-111111111111.properties"), "[launches]\nvpc.version = v3\n");

        assertThat(new ManifestLoader()
                        .load(m, "111111111111")
                        .launches()
                        .get("vpc")
                        .version())
                .isEqualTo("v3");
        assertThat(new ManifestLoader()
                        .load(m, "999999999999")
                        .launches()
                        .get("vpc")
                        .version())
                .isEqualTo("v2");
    }

    @Test
    void shouldRefuseAnythingButAVersionInProperties() throws Exception {
        Path m = manifest();
        Files.writeString(dir.resolve("manifest.properties"), "[launches]\n# comment\nvpc.product = other\n");

        assertThatThrownBy(() -> new ManifestLoader().load(m, "1"))
                .hasMessage("manifest.properties:3:1: only the version can be set in a properties file, e.g."
                        + " 'vpc.version = v2'; got 'vpc.product'");
    }

    @Test
    void shouldSayWhenTheManifestIsMissing() {
        assertThatThrownBy(() -> new ManifestLoader().load(dir.resolve("nope.yaml"), "1"))
                .hasMessage("file not found: nope.yaml; check the path");
    }
}
