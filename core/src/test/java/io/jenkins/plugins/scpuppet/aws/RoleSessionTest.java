package io.jenkins.plugins.scpuppet.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Session names made from a run or a build, within what STS accepts: 2 to 64 characters of [\w+=,.@-]. */
class RoleSessionTest {
    @Test
    void shouldNameACliRunAfterItsRunIdWithTheSameSourceIdentity() {
        String runId = UUID.randomUUID().toString();

        RoleSession s = RoleSession.forRun(runId);

        assertThat(s.name()).isEqualTo("puppet-" + runId).hasSizeLessThanOrEqualTo(64);
        assertThat(s.sourceIdentity()).isEqualTo(s.name());
    }

    @Test
    void shouldNameABuildAfterItsJobAndNumberWithCharactersStsAccepts() {
        RoleSession s = RoleSession.forBuild("platform/deploy org#1", "42");

        assertThat(s.name()).isEqualTo("platform-deploy-org-1-42");
    }

    @Test
    void shouldKeepTheBuildNumberWhenALongJobNameIsCut() {
        RoleSession s = RoleSession.forBuild("a".repeat(40) + "/" + "b".repeat(40), "1234");

        assertThat(s.name()).hasSize(64).endsWith("b-1234").doesNotContain("/");
    }

    @Test
    void shouldPadOrCutNamesToTheLengthsStsAccepts() {
        assertThat(RoleSession.named("x").name()).isEqualTo("x-");
        assertThat(RoleSession.named("").name()).isEqualTo("--");
        assertThat(RoleSession.named("y".repeat(100)).name()).hasSize(64);
    }

    @Test
    void shouldRefuseValuesStsWouldRefuse() {
        assertThatThrownBy(() -> new RoleSession("has space", null)).hasMessageContaining("[\\w+=,.@-]");
        assertThatThrownBy(() -> new RoleSession("ok-name", "aws:x")).hasMessageContaining("source identity");
        assertThat(new RoleSession("ok-name", null).sourceIdentity()).isNull();
    }

    @Test
    void shouldDropTheSourceIdentityOnly() {
        RoleSession s = RoleSession.named("puppet-1").withoutSourceIdentity();

        assertThat(s.name()).isEqualTo("puppet-1");
        assertThat(s.sourceIdentity()).isNull();
    }
}
