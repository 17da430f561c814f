package io.jenkins.plugins.scpuppet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scpuppet.aws.RoleChain;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.servicecatalog.model.ProvisionedProductAttribute;

/** Who counts as launched through the PuppetRole, and which role ARNs a chain accepts. */
class DependentProductsTest {
    private static ProvisionedProductAttribute by(String userArn, String session) {
        return ProvisionedProductAttribute.builder()
                .userArn(userArn)
                .userArnSession(session)
                .build();
    }

    @Test
    void shouldCountOnlyProductsLaunchedByThePuppetRoleOrItsSessions() {
        assertThat(DependentProducts.launchedBy(
                        by(null, "arn:aws:sts::222222222222:assumed-role/PuppetRole/puppet-run"), "PuppetRole"))
                .isTrue();
        assertThat(DependentProducts.launchedBy(
                        by("arn:aws:iam::222222222222:role/servicecatalog-puppet/PuppetRole", null), "PuppetRole"))
                .isTrue();
        assertThat(DependentProducts.launchedBy(
                        by(
                                "arn:aws:iam::222222222222:role/NotPuppetRole",
                                "arn:aws:sts::222222222222:assumed-role/NotPuppetRole/x"),
                        "PuppetRole"))
                .isFalse();
        assertThat(DependentProducts.launchedBy(by("arn:aws:iam::222222222222:user/PuppetRole", null), "PuppetRole"))
                .as("a user of that name is not the role")
                .isFalse();
        assertThat(DependentProducts.launchedBy(by(null, null), "PuppetRole")).isFalse();
    }

    @Test
    void shouldAcceptRoleArnsOnlyInAChain() {
        assertThat(RoleChain.problem("arn:aws:iam::111111111111:role/OrganizationAccountAccessRole"))
                .isNull();
        assertThat(RoleChain.problem("arn:aws-us-gov:iam::111111111111:role/a/path/Name"))
                .isNull();
        assertThat(RoleChain.problem("arn:aws:iam::111111111111:user/someone")).contains("is not an IAM role ARN");
        assertThat(RoleChain.problem("arn:aws:iam::1111:role/x")).isNotNull();
        assertThat(RoleChain.problem("OrganizationAccountAccessRole")).isNotNull();
        assertThat(RoleChain.account("arn:aws:iam::111111111111:role/x")).isEqualTo("111111111111");
    }
}
