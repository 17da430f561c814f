package io.jenkins.plugins.scpuppet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PuppetRole's trust and permissions as the spoke template writes them (decisions 2 and 3 of issue #17). */
class PuppetRoleTemplateTest {
    private static final String HUB = "111111111111";

    private static JsonNode role(SpokeOptions options) {
        return BootstrapTemplates.spoke(HUB, options)
                .path("Resources")
                .path("PuppetRole")
                .path("Properties");
    }

    @Test
    void shouldTrustOnlyTheHubsPuppetRolesAndGrantAdministratorAccessByDefault() {
        JsonNode role = role(SpokeOptions.DEFAULT);

        assertThat(role.path("ManagedPolicyArns").toString())
                .isEqualTo("[{\"Fn::Sub\":\"arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess\"}]");
        assertThat(role.has("PermissionsBoundary")).isFalse();
        assertThat(role.has("Policies")).isFalse();
        JsonNode statements = role.path("AssumeRolePolicyDocument").path("Statement");
        assertThat(statements).hasSize(1);
        JsonNode hub = statements.get(0);
        assertThat(hub.path("Principal").toString())
                .isEqualTo("{\"AWS\":{\"Fn::Sub\":\"arn:${AWS::Partition}:iam::" + HUB + ":root\"}}");
        assertThat(hub.path("Action").toString()).isEqualTo("[\"sts:AssumeRole\",\"sts:SetSourceIdentity\"]");
        assertThat(hub.path("Condition").toString())
                .isEqualTo("{\"ArnLike\":{\"aws:PrincipalArn\":[{\"Fn::Sub\":\"arn:${AWS::Partition}:iam::" + HUB
                        + ":role/servicecatalog-puppet/*\"}]}}");
    }

    @Test
    void shouldReplaceTheDefaultHubPrincipalsAndAddTheBoundaryWhenGiven() {
        String agent = "arn:aws:iam::" + HUB + ":role/jenkins/agent";
        String other = "arn:aws:iam::" + HUB + ":role/ops/*";
        String boundary = "arn:aws:iam::222222222222:policy/puppet-boundary";
        JsonNode role = role(new SpokeOptions(false, boundary, List.of(agent, other), false));

        assertThat(role.path("PermissionsBoundary").asText()).isEqualTo(boundary);
        assertThat(role.path("AssumeRolePolicyDocument")
                        .path("Statement")
                        .get(0)
                        .path("Condition")
                        .path("ArnLike")
                        .path("aws:PrincipalArn")
                        .toString())
                .isEqualTo("[\"" + agent + "\",\"" + other + "\"]");
    }

    @Test
    void shouldGrantOnlyTheListedActionsInLeastPrivilegeModeKeepingTheBoundary() {
        String boundary = "arn:aws:iam::222222222222:policy/puppet-boundary";
        JsonNode role = role(new SpokeOptions(true, boundary, List.of(), false));

        assertThat(role.has("ManagedPolicyArns")).isFalse();
        assertThat(role.path("PermissionsBoundary").asText()).isEqualTo(boundary);
        assertThat(role.path("Policies")).hasSize(1);
        JsonNode policy = role.path("Policies").get(0);
        assertThat(policy.path("PolicyName").asText()).isEqualTo("servicecatalog-puppet");
        java.util.Set<String> actions = new java.util.TreeSet<>();
        policy.path("PolicyDocument")
                .path("Statement")
                .forEach(st -> st.path("Action").forEach(a -> actions.add(a.asText())));
        assertThat(actions)
                .containsExactlyInAnyOrderElementsOf(PuppetRolePermissions.actions())
                .noneMatch(a -> a.contains("*"))
                .contains("servicecatalog:ProvisionProduct", "ssm:PutParameter", "lambda:InvokeFunction");
        assertThat(policy.toString())
                .contains("{\"Fn::Sub\":\"arn:${AWS::Partition}:cloudformation:*:${AWS::AccountId}:stack/"
                        + "associations-for-portfolio-*/*\"}");
    }

    @Test
    void shouldRefuseLeastPrivilegeWithDeployInSpoke() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SpokeOptions(true, null, List.of(), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("runs upstream's servicecatalog-puppet");
    }

    @Test
    void shouldRefuseAHubPrincipalOfAnotherAccount() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> role(new SpokeOptions(false, null, List.of("arn:aws:iam::999999999999:role/x"), false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not in the puppet account " + HUB);
    }
}
