package io.jenkins.plugins.scpuppet.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Roles, policies and launch constraints read from a template, with its intrinsic functions resolved. */
class StackIamTest {
    private static final String ACCOUNT = "222222222222";

    /** A spoke stack as decision 3 shapes it, plus a generated-name role, a managed policy and a constraint. */
    static final String TEMPLATE = """
            {"AWSTemplateFormatVersion": "2010-09-09",
             "Parameters": {"Boundary": {"Type": "String", "Default": ""}},
             "Conditions": {"HasBoundary": {"Fn::Not": [{"Fn::Equals": [{"Ref": "Boundary"}, ""]}]}},
             "Resources": {
              "PuppetRole": {"Type": "AWS::IAM::Role", "Properties": {
                "RoleName": "PuppetRole", "Path": "/servicecatalog-puppet/",
                "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": ["sts:AssumeRole", "sts:SetSourceIdentity"],
                   "Principal": {"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::111111111111:root"}},
                   "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111111111111:role/servicecatalog-puppet/*"}}},
                  {"Effect": "Allow", "Action": "sts:AssumeRole",
                   "Principal": {"AWS": {"Fn::GetAtt": ["DeployInSpokeRole", "Arn"]}}}]},
                "ManagedPolicyArns": [{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess"},
                                      {"Ref": "Extra"}],
                "PermissionsBoundary": {"Fn::If": ["HasBoundary", {"Ref": "Boundary"}, {"Ref": "AWS::NoValue"}]}}},
              "DeployInSpokeRole": {"Type": "AWS::IAM::Role", "Properties": {
                "Path": "/servicecatalog-puppet/",
                "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                   "Principal": {"Service": "codebuild.amazonaws.com"}}]},
                "Policies": [{"PolicyName": "deploy-in-spoke", "PolicyDocument": {"Statement": [
                   {"Effect": "Allow", "Action": "sts:AssumeRole",
                    "Resource": {"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:role/servicecatalog-puppet/PuppetRole"}}]}}]}},
              "Extra": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {
                "ManagedPolicyName": "extra",
                "PolicyDocument": {"Statement": [{"Effect": "Deny", "Action": "ssm:DeleteParameter", "Resource": "*"}]}}},
              "Inline": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "more", "Roles": [{"Ref": "PuppetRole"}],
                "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]}}},
              "Constraint": {"Type": "AWS::ServiceCatalog::LaunchRoleConstraint", "Properties": {
                "PortfolioId": "port-1", "ProductId": "prod-1",
                "RoleArn": {"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:role/SCLaunchRole"}}}}}
            """;

    private static StackIam.Contents read(Map<String, String> parameters) {
        return read(parameters, "k");
    }

    private static StackIam.Contents read(Map<String, String> parameters, String stackKey) {
        return StackIam.read(
                ACCOUNT, "eu-west-1", "servicecatalog-puppet-spoke", "arn:stack/id", stackKey, TEMPLATE, parameters);
    }

    @Test
    void shouldReadTheRolesWithTheirIntrinsicFunctionsResolved() {
        StackIam.Contents c = read(Map.of());

        assertThat(c.roles()).hasSize(2);
        IamRoles.Role puppet = c.roles().stream()
                .filter(r -> r.name().equals("PuppetRole"))
                .findFirst()
                .orElseThrow();
        assertThat(puppet.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/servicecatalog-puppet/PuppetRole");
        assertThat(puppet.managedArns())
                .containsExactly(
                        "arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::" + ACCOUNT + ":policy/extra");
        assertThat(puppet.boundaryArn()).isNull();
        IamRoles.Role deploy = c.roles().stream()
                .filter(r -> !r.name().equals("PuppetRole"))
                .findFirst()
                .orElseThrow();
        // CloudFormation's generated name: stack-logicalId-SUFFIX, at most 64 characters.
        assertThat(deploy.name())
                .startsWith("servicecatalog-puppet-spoke-DeployInSpokeRole-")
                .hasSizeLessThanOrEqualTo(64);
        var trust = puppet.trust().statements().get(1).principal().path("AWS").asText();
        assertThat(trust).isEqualTo(deploy.arn());
        assertThat(c.managed()).containsKey("arn:aws:iam::" + ACCOUNT + ":policy/extra");
        assertThat(c.attachments())
                .singleElement()
                .satisfies(a -> assertThat(a.roleName()).isEqualTo("PuppetRole"));
        assertThat(c.constraints())
                .containsExactly(new StackIam.LaunchConstraint(
                        ACCOUNT, "eu-west-1", "port-1", "prod-1", "arn:aws:iam::" + ACCOUNT + ":role/SCLaunchRole"));
    }

    @Test
    void shouldTakeParametersAndConditionsIntoAccount() {
        StackIam.Contents c = read(Map.of("Boundary", "arn:aws:iam::" + ACCOUNT + ":policy/boundary"));

        assertThat(c.roles())
                .filteredOn(r -> r.name().equals("PuppetRole"))
                .singleElement()
                .satisfies(r -> assertThat(r.boundaryArn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":policy/boundary"));
    }

    @Test
    void shouldGiveTheRoleEveryPolicyAttachedToItAndHonourTheirDenies() {
        IamRoles roles = new IamRoles();
        roles.putStack("k", read(Map.of()));

        IamRoles.Permissions p = roles.permissions(ACCOUNT, "PuppetRole");

        assertThat(p.identity()).hasSize(3); // AdministratorAccess, extra (Deny), the AWS::IAM::Policy
        assertThat(PolicyEvaluator.identity(p.identity(), p.boundary(), "ssm:DeleteParameter", "*", Map.of())
                        .because())
                .isEqualTo("with an explicit deny in an identity-based policy");
        roles.removeStack("k");
        assertThat(roles.permissions(ACCOUNT, "PuppetRole")).isNull();
    }

    @Test
    void shouldRefuseATemplateItCannotReadAndARoleAnotherStackOwns() {
        String unsupported = "{\"Resources\":{\"R\":{\"Type\":\"AWS::IAM::Role\",\"Properties\":{\"RoleName\":"
                + "{\"Fn::ImportValue\":\"x\"},\"AssumeRolePolicyDocument\":{}}}}}";
        assertThatThrownBy(() -> StackIam.read(ACCOUNT, "eu-west-1", "s", "id", "k", unsupported, Map.of()))
                .hasMessageContaining("Fn::ImportValue");
        IamRoles roles = new IamRoles();
        roles.putStack("first", read(Map.of(), "first"));
        assertThatThrownBy(() -> roles.putStack("second", read(Map.of(), "second")))
                .hasMessageContaining("PuppetRole already exists in stack first");
        assertThat(StackIam.read(ACCOUNT, "eu-west-1", "s", "id", "k", "Resources: {}", Map.of()))
                .isEqualTo(StackIam.Contents.NONE);
    }
}
