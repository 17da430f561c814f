package io.jenkins.plugins.scpuppet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** aws_sts_regional_endpoints: upstream's name, regional unless the document says legacy. */
class StsEndpointsConfigTest {
    @TempDir
    Path dir;

    @Test
    void shouldDefaultToRegionalAndReadLegacy() throws Exception {
        assertThat(PuppetConfig.parse("", "config").choice(ConfigKey.AWS_STS_REGIONAL_ENDPOINTS))
                .isEqualTo("regional");
        assertThat(PuppetConfig.parse("aws_sts_regional_endpoints: Legacy\n", "config")
                        .choice(ConfigKey.AWS_STS_REGIONAL_ENDPOINTS))
                .isEqualTo("legacy");
    }

    @Test
    void shouldRefuseAnotherWordNamingTheAcceptedOnes() {
        assertThatThrownBy(() -> PuppetConfig.parse("aws_sts_regional_endpoints: true\n", "config")
                        .choice(ConfigKey.AWS_STS_REGIONAL_ENDPOINTS))
                .isInstanceOf(ConfigException.class)
                .hasMessage("aws_sts_regional_endpoints takes regional or legacy, got 'true'");
    }

    @Test
    void shouldBeSetAsAStringBySetConfigValue() throws Exception {
        FileConfigStore store = new FileConfigStore(dir.resolve("config.yaml"));

        PuppetConfig.setValue(store, "aws_sts_regional_endpoints", "legacy");

        assertThat(Files.readString(dir.resolve("config.yaml"))).contains("aws_sts_regional_endpoints: legacy");
        assertThat(PuppetConfig.load(store).effective()).containsEntry("aws_sts_regional_endpoints", "legacy");
    }
}
