package io.jenkins.plugins.scpuppet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** puppet_role_permissions: a setting that takes one of a fixed set of words. */
class PuppetConfigChoiceTest {
    @Test
    void shouldDefaultToAdministratorAndKeepTheWordWritten() throws Exception {
        PuppetConfig empty = PuppetConfig.parse("regions: [eu-west-1]\n", "test");
        PuppetConfig set = empty.with(
                ConfigKey.PUPPET_ROLE_PERMISSIONS, ConfigKey.PUPPET_ROLE_PERMISSIONS.parse(" least-privilege "));

        assertThat(empty.choice(ConfigKey.PUPPET_ROLE_PERMISSIONS)).isEqualTo("administrator");
        assertThat(set.toYaml()).contains("puppet_role_permissions: least-privilege");
        assertThat(PuppetConfig.parse(set.toYaml(), "test").choice(ConfigKey.PUPPET_ROLE_PERMISSIONS))
                .isEqualTo("least-privilege");
        assertThat(set.effective()).containsEntry("puppet_role_permissions", "least-privilege");
    }

    @Test
    void shouldRefuseAnyOtherWordOrABooleanNamingTheKey() throws Exception {
        assertThatThrownBy(() -> ConfigKey.PUPPET_ROLE_PERMISSIONS.parse("admin"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("puppet_role_permissions takes administrator or least-privilege, got 'admin'");
        PuppetConfig bool = PuppetConfig.parse("puppet_role_permissions: true\n", "test");
        assertThatThrownBy(() -> bool.choice(ConfigKey.PUPPET_ROLE_PERMISSIONS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("puppet_role_permissions takes administrator or least-privilege");
    }
}
