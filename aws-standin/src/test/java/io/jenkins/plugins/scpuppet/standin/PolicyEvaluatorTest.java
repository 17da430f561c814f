package io.jenkins.plugins.scpuppet.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** IAM's evaluation logic as the stand-in applies it: identity policies, boundaries, wildcards, conditions, trust. */
class PolicyEvaluatorTest {
    private static final String HUB = "111111111111";
    private static final Map<String, String> NO_CONTEXT = Map.of();

    private static PolicyDocument identity(String statements) {
        return PolicyDocument.parse(
                "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}", PolicyDocument.Kind.IDENTITY);
    }

    private static PolicyDocument trust(String statements) {
        return PolicyDocument.parse(
                "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}", PolicyDocument.Kind.TRUST);
    }

    private static PolicyEvaluator.Outcome eval(
            List<PolicyDocument> policies, PolicyDocument boundary, String action, String resource) {
        return PolicyEvaluator.identity(policies, boundary, action, resource, NO_CONTEXT);
    }

    @Test
    void shouldAllowEverythingWithAdministratorAccessAndNothingWithoutAPolicy() {
        assertThat(eval(List.of(PolicyDocument.ADMINISTRATOR_ACCESS), null, "ssm:PutParameter", "arn:aws:ssm:x")
                        .allowed())
                .isTrue();
        PolicyEvaluator.Outcome none = eval(List.of(), null, "ssm:PutParameter", "*");
        assertThat(none.decision()).isEqualTo(PolicyEvaluator.Decision.IMPLICIT_DENY);
        assertThat(none.because()).isEqualTo("because no identity-based policy allows the ssm:PutParameter action");
    }

    @Test
    void shouldLetAnExplicitDenyWinOverAnyAllow() {
        PolicyDocument deny = identity("{\"Effect\":\"Deny\",\"Action\":\"ssm:Delete*\",\"Resource\":\"*\"}");

        PolicyEvaluator.Outcome o =
                eval(List.of(PolicyDocument.ADMINISTRATOR_ACCESS, deny), null, "ssm:DeleteParameter", "*");

        assertThat(o.decision()).isEqualTo(PolicyEvaluator.Decision.EXPLICIT_DENY);
        assertThat(o.because()).isEqualTo("with an explicit deny in an identity-based policy");
        assertThat(eval(List.of(PolicyDocument.ADMINISTRATOR_ACCESS, deny), null, "ssm:GetParameter", "*")
                        .allowed())
                .isTrue();
    }

    @Test
    void shouldCapAnAdministratorWithItsPermissionBoundary() {
        PolicyDocument boundary = identity("{\"Effect\":\"Allow\",\"Action\":[\"servicecatalog:*\",\"ssm:Get*\"],"
                + "\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Action\":\"servicecatalog:Delete*\",\"Resource\":\"*\"}");
        List<PolicyDocument> admin = List.of(PolicyDocument.ADMINISTRATOR_ACCESS);

        assertThat(eval(admin, boundary, "ssm:GetParameter", "*").allowed()).isTrue();
        assertThat(eval(admin, boundary, "ssm:PutParameter", "*").because())
                .isEqualTo("because no permissions boundary allows the ssm:PutParameter action");
        assertThat(eval(admin, boundary, "servicecatalog:DeletePortfolio", "*").because())
                .isEqualTo("with an explicit deny in a permissions boundary");
        // A boundary grants nothing by itself.
        assertThat(eval(List.of(), boundary, "ssm:GetParameter", "*").allowed()).isFalse();
    }

    @Test
    void shouldMatchActionsCaseInsensitivelyAndResourcesWithWildcards() {
        PolicyDocument p = identity("{\"Effect\":\"Allow\",\"Action\":[\"CloudFormation:CreateStack\","
                + "\"cloudformation:Describe?tacks\"],"
                + "\"Resource\":\"arn:aws:cloudformation:*:*:stack/launch-constraints-*/*\"}");
        String stack = "arn:aws:cloudformation:eu-west-1:222222222222:stack/launch-constraints-v2-for-portfolio-p/1";

        assertThat(eval(List.of(p), null, "cloudformation:createstack", stack).allowed())
                .isTrue();
        assertThat(eval(List.of(p), null, "cloudformation:DescribeStacks", stack)
                        .allowed())
                .isTrue();
        assertThat(eval(List.of(p), null, "cloudformation:DeleteStack", stack).allowed())
                .isFalse();
        assertThat(eval(List.of(p), null, "cloudformation:CreateStack", stack.replace("launch-", "other-"))
                        .allowed())
                .isFalse();
    }

    @Test
    void shouldHonourNotActionAndNotResource() {
        PolicyDocument p = identity("{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"NotResource\":"
                + "\"arn:aws:ssm:*:*:parameter/secret/*\"}");

        assertThat(eval(List.of(p), null, "ssm:GetParameter", "arn:aws:ssm:eu-west-1:1:parameter/a")
                        .allowed())
                .isTrue();
        assertThat(eval(List.of(p), null, "iam:CreateRole", "*").allowed()).isFalse();
        assertThat(eval(List.of(p), null, "ssm:GetParameter", "arn:aws:ssm:eu-west-1:1:parameter/secret/x")
                        .allowed())
                .isFalse();
    }

    @Test
    void shouldFailClosedOnConditionsItCannotJudge() {
        PolicyDocument unknownOperatorAllow = identity("{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
                + "\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2020-01-01T00:00:00Z\"}}}");
        PolicyDocument unknownKeyDeny = identity("{\"Effect\":\"Deny\",\"Action\":\"ssm:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:ResourceTag/team\":\"x\"}}}");

        assertThat(eval(List.of(unknownOperatorAllow), null, "ssm:GetParameter", "*")
                        .allowed())
                .isFalse();
        assertThat(eval(List.of(PolicyDocument.ADMINISTRATOR_ACCESS, unknownKeyDeny), null, "ssm:GetParameter", "*")
                        .decision())
                .isEqualTo(PolicyEvaluator.Decision.EXPLICIT_DENY);
        assertThat(eval(
                                List.of(PolicyDocument.ADMINISTRATOR_ACCESS, unknownKeyDeny),
                                null,
                                "lambda:InvokeFunction",
                                "*")
                        .allowed())
                .isTrue();
    }

    @Test
    void shouldEvaluateStringAndArnConditionsOnTheRequestContext() {
        PolicyDocument p = identity("{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{"
                + "\"StringLike\":{\"aws:RequestedRegion\":\"eu-*\"},"
                + "\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/servicecatalog-puppet/*\"}}}");
        Map<String, String> ok = Map.of(
                "aws:RequestedRegion", "eu-west-1",
                "aws:PrincipalArn", "arn:aws:iam::2:role/servicecatalog-puppet/PuppetRole");

        assertThat(PolicyEvaluator.identity(List.of(p), null, "ssm:GetParameter", "*", ok)
                        .allowed())
                .isTrue();
        assertThat(PolicyEvaluator.identity(
                                List.of(p), null, "ssm:GetParameter", "*", Map.of("aws:RequestedRegion", "eu-west-1"))
                        .allowed())
                .as("a key the request does not have matches no positive operator")
                .isFalse();
    }

    @Test
    void shouldLetTheTrustedHubPrincipalsAssumeThePuppetRoleAndNoOneElse() {
        PolicyDocument t = trust("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + HUB + ":root\"},"
                + "\"Action\":[\"sts:AssumeRole\",\"sts:SetSourceIdentity\"],\"Condition\":{\"ArnLike\":"
                + "{\"aws:PrincipalArn\":[\"arn:aws:iam::" + HUB + ":role/servicecatalog-puppet/*\"]}}}");
        var agent = new PolicyEvaluator.Principal(
                HUB, "arn:aws:iam::" + HUB + ":role/servicecatalog-puppet/jenkins-agent", null, null);
        var developer = new PolicyEvaluator.Principal(HUB, "arn:aws:iam::" + HUB + ":role/Developer", null, null);
        var stranger = new PolicyEvaluator.Principal(
                "999999999999", "arn:aws:iam::999999999999:role/servicecatalog-puppet/jenkins-agent", null, null);

        assertThat(PolicyEvaluator.trust(t, agent, "sts:AssumeRole", Map.of("aws:PrincipalArn", agent.arn()))
                        .allowed())
                .isTrue();
        assertThat(PolicyEvaluator.trust(t, developer, "sts:AssumeRole", Map.of("aws:PrincipalArn", developer.arn()))
                        .allowed())
                .isFalse();
        assertThat(PolicyEvaluator.trust(t, stranger, "sts:AssumeRole", Map.of("aws:PrincipalArn", stranger.arn()))
                        .allowed())
                .isFalse();
        assertThat(PolicyEvaluator.trust(t, agent, "sts:TagSession", Map.of("aws:PrincipalArn", agent.arn()))
                        .allowed())
                .isFalse();
    }

    @Test
    void shouldMatchExactRoleAndServicePrincipalsAndAnExplicitDenyInTrust() {
        String roleArn = "arn:aws:iam::" + HUB + ":role/servicecatalog-puppet/DeployInSpokeRole-X";
        PolicyDocument t = trust("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"" + roleArn + "\"],"
                + "\"Service\":\"codebuild.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"},"
                + "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\",\"Condition\":"
                + "{\"StringEquals\":{\"sts:RoleSessionName\":\"blocked\"}}}");
        var session = new PolicyEvaluator.Principal(HUB, roleArn, "arn:aws:sts::" + HUB + ":assumed-role/x/s", null);
        var codebuild = new PolicyEvaluator.Principal(null, null, null, "codebuild.amazonaws.com");
        var sameAccountOther = new PolicyEvaluator.Principal(HUB, "arn:aws:iam::" + HUB + ":role/Other", null, null);

        assertThat(PolicyEvaluator.trust(t, session, "sts:AssumeRole", Map.of()).allowed())
                .isTrue();
        assertThat(PolicyEvaluator.trust(t, codebuild, "sts:AssumeRole", Map.of())
                        .allowed())
                .isTrue();
        assertThat(PolicyEvaluator.trust(t, sameAccountOther, "sts:AssumeRole", Map.of())
                        .allowed())
                .isFalse();
        assertThat(PolicyEvaluator.trust(t, session, "sts:AssumeRole", Map.of("sts:RoleSessionName", "blocked"))
                        .decision())
                .isEqualTo(PolicyEvaluator.Decision.EXPLICIT_DENY);
    }

    @Test
    void shouldRefuseMalformedDocumentsAsIamDoes() {
        assertThatThrownBy(() -> identity("{\"Effect\":\"allow\",\"Action\":\"*\",\"Resource\":\"*\"}"))
                .hasMessageContaining("Effect must be Allow or Deny");
        assertThatThrownBy(() -> identity("{\"Effect\":\"Allow\",\"Action\":\"*\"}"))
                .hasMessageContaining("Resource");
        assertThatThrownBy(() -> trust("{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\"}"))
                .hasMessageContaining("Principal");
        assertThatThrownBy(() -> trust("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\","
                        + "\"Resource\":\"*\"}"))
                .hasMessageContaining("no Resource");
    }
}
