package io.jenkins.plugins.scpuppet.bootstrap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The spoke's PuppetRole, as upstream makes it by default (path {@code /servicecatalog-puppet/}, AdministratorAccess,
 * an optional permission boundary: a product without a launch-role constraint is provisioned with this role's own
 * permissions, so it must be able to create whatever the product holds) or, in least-privilege mode, with an inline
 * policy of {@link PuppetRolePermissions} only. Its trust is narrower than upstream's: the hub account's root as
 * principal, but only for the hub principals named in an {@code aws:PrincipalArn} condition.
 */
final class PuppetRoleTemplate {
    static final String LOGICAL_ID = "PuppetRole";
    static final String ADMINISTRATOR_ACCESS = "arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess";

    private PuppetRoleTemplate() {}

    static void addTo(ObjectNode resources, String puppetAccount, SpokeOptions options) {
        ObjectNode role = resources.putObject(LOGICAL_ID).put("Type", "AWS::IAM::Role");
        ObjectNode props = role.putObject("Properties");
        props.put("RoleName", "PuppetRole").put("Path", "/servicecatalog-puppet/");
        trust(props.putObject("AssumeRolePolicyDocument"), puppetAccount, options);
        if (options.leastPrivilege()) {
            props.putArray("Policies")
                    .addObject()
                    .put("PolicyName", PuppetRolePermissions.POLICY_NAME)
                    .set("PolicyDocument", PuppetRolePermissions.policyDocument());
        } else {
            props.putArray("ManagedPolicyArns").addObject().put("Fn::Sub", ADMINISTRATOR_ACCESS);
        }
        if (options.permissionBoundary() != null) {
            props.put("PermissionsBoundary", options.permissionBoundary());
        }
        props.putArray("Tags")
                .addObject()
                .put("Key", "ServiceCatalogPuppet:Actor")
                .put("Value", "Framework");
    }

    /**
     * The hub's root as principal delegates the decision to the hub's own IAM, and the condition narrows it to the
     * roles that run puppet there (a role ARN as principal would break when that role is recreated). SetSourceIdentity
     * lets the hub name who started the run in CloudTrail.
     */
    private static void trust(ObjectNode doc, String puppetAccount, SpokeOptions options) {
        doc.put("Version", "2012-10-17");
        ArrayNode statements = doc.putArray("Statement");
        ObjectNode hub = statements.addObject().put("Sid", "HubPrincipals").put("Effect", "Allow");
        hub.putObject("Principal")
                .putObject("AWS")
                .put("Fn::Sub", "arn:${AWS::Partition}:iam::" + puppetAccount + ":root");
        hub.putArray("Action").add("sts:AssumeRole").add("sts:SetSourceIdentity");
        ArrayNode principals = hub.putObject("Condition").putObject("ArnLike").putArray("aws:PrincipalArn");
        if (options.hubPrincipals().isEmpty()) {
            principals
                    .addObject()
                    .put("Fn::Sub", "arn:${AWS::Partition}:iam::" + puppetAccount + ":role/servicecatalog-puppet/*");
        } else {
            for (String principal : options.hubPrincipals()) {
                String problem = SpokeOptions.hubPrincipalProblem(principal, puppetAccount);
                if (problem != null) {
                    throw new IllegalArgumentException(problem);
                }
                principals.add(principal);
            }
        }
        if (options.deployInSpoke()) {
            ObjectNode spoke =
                    statements.addObject().put("Sid", "DeployInSpoke").put("Effect", "Allow");
            spoke.putObject("Principal")
                    .putObject("AWS")
                    .putArray("Fn::GetAtt")
                    .add("DeployInSpokeRole") // DeployInSpokeTemplate's role
                    .add("Arn");
            spoke.putArray("Action").add("sts:AssumeRole").add("sts:SetSourceIdentity");
        }
    }
}
