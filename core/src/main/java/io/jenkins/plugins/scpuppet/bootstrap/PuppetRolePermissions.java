package io.jenkins.plugins.scpuppet.bootstrap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Least-privilege mode: every action the code calls through a PuppetRole, and every action CloudFormation calls with
 * the PuppetRole's credentials for the stacks the code creates there (no service role is passed to CreateStack). One
 * list serves the hub and the spokes: the hub is bootstrapped as a spoke, and its PuppetRole also shares portfolios,
 * reads and writes SSM parameters, invokes lambdas and holds the event-bus policies stack.
 *
 * <p>What it leaves out, on purpose: provisioning a product that has no launch-role constraint (Service Catalog then
 * creates the product's resources with the caller's own permissions, which no fixed list can cover: validate, plan
 * and deploy refuse such launches in this mode), and the deploy-in-spoke build (it runs upstream's
 * servicecatalog-puppet, whose calls are not inventoried here). {@code PuppetRolePermissionsTest} fails when the code
 * calls an SDK operation on a role client that no grant lists, or when a grant lists an action nothing calls.
 */
public final class PuppetRolePermissions {
    /** One policy statement: the code that needs it, its actions and the resources (CloudFormation Fn::Sub text). */
    public record Grant(String sid, String why, List<String> actions, List<String> resources) {}

    static final String POLICY_NAME = "servicecatalog-puppet";
    private static final String STACK = "arn:${AWS::Partition}:cloudformation:*:${AWS::AccountId}:stack/";
    private static final JsonNodeFactory J = JsonNodeFactory.instance;

    private static final List<Grant> GRANTS = List.of(
            new Grant(
                    "Portfolios",
                    "PortfolioOperations: portfolio and product lookups, sharing from the hub (and removing shares),"
                            + " accepting shares, associating the PuppetRole, spoke-local portfolios (create, fill by"
                            + " association or copy, empty, delete)",
                    List.of(
                            "servicecatalog:ListPortfolios",
                            "servicecatalog:ListAcceptedPortfolioShares",
                            "servicecatalog:SearchProductsAsAdmin",
                            "servicecatalog:ListProvisioningArtifacts",
                            "servicecatalog:ListPortfolioAccess",
                            "servicecatalog:CreatePortfolioShare",
                            "servicecatalog:DeletePortfolioShare",
                            "servicecatalog:AcceptPortfolioShare",
                            "servicecatalog:ListPrincipalsForPortfolio",
                            "servicecatalog:AssociatePrincipalWithPortfolio",
                            "servicecatalog:CreatePortfolio",
                            "servicecatalog:DeletePortfolio",
                            "servicecatalog:AssociateProductWithPortfolio",
                            "servicecatalog:DisassociateProductFromPortfolio",
                            "servicecatalog:CopyProduct",
                            "servicecatalog:DescribeCopyProductStatus"),
                    List.of("*")), // portfolio and product ids are not known when the spoke is bootstrapped
            new Grant(
                    "Provisioning",
                    "ProvisioningOperations: launch paths and parameters, provision, update, terminate (awaited or"
                            + " not), dry runs, reset-provisioned-product-owner",
                    List.of(
                            "servicecatalog:ListLaunchPaths",
                            "servicecatalog:DescribeProvisioningParameters",
                            "servicecatalog:SearchProvisionedProducts",
                            "servicecatalog:ProvisionProduct",
                            "servicecatalog:UpdateProvisionedProduct",
                            "servicecatalog:TerminateProvisionedProduct",
                            "servicecatalog:DescribeRecord",
                            "servicecatalog:DescribeProvisioningArtifact",
                            "servicecatalog:UpdateProvisionedProductProperties"),
                    List.of("*")),
            new Grant(
                    "StackResources",
                    "CloudFormation, with this role's credentials, creating, updating and deleting the"
                            + " AWS::ServiceCatalog::PortfolioPrincipalAssociation and LaunchRoleConstraint"
                            + " resources of StackTemplates (these types have no resource-provider handlers: the"
                            + " stack calls the Service Catalog API as the caller)",
                    List.of(
                            "servicecatalog:AssociatePrincipalWithPortfolio",
                            "servicecatalog:DisassociatePrincipalFromPortfolio",
                            "servicecatalog:ListPrincipalsForPortfolio",
                            "servicecatalog:CreateConstraint",
                            "servicecatalog:UpdateConstraint",
                            "servicecatalog:DeleteConstraint",
                            "servicecatalog:DescribeConstraint"),
                    List.of("*")),
            new Grant(
                    "LaunchRoles",
                    "A launch-role constraint hands its role to Service Catalog: the Service Catalog admin guide"
                            + " (constraints-launch) lists iam:PassRole and iam:Get* for assigning launch roles",
                    List.of("iam:GetRole", "iam:PassRole"),
                    List.of("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*")),
            new Grant(
                    "OwnStacks",
                    "StackOperations through AwsPuppetOperations: the association, launch-constraint and event-bus"
                            + " policy stacks the code creates, updates and deletes (DeletionTasks too); StackFailure"
                            + " reads a failed deletion's events for its reason",
                    List.of(
                            "cloudformation:CreateStack",
                            "cloudformation:UpdateStack",
                            "cloudformation:DeleteStack",
                            "cloudformation:DescribeStacks",
                            "cloudformation:DescribeStackEvents"),
                    List.of(
                            STACK + "associations-for-portfolio-*/*",
                            STACK + "launch-constraints-v2-for-portfolio-*/*",
                            STACK + "servicecatalog-puppet-policies/*")),
            new Grant(
                    "LegacyStacks",
                    "AwsPuppetOperations.launchConstraints and SharingTasks.hubPortfolio delete the stacks older"
                            + " versions (and upstream) left: launch-constraints-for-portfolio-*,"
                            + " servicecatalog-puppet-shares (StackFailure reads a failed deletion's events)",
                    List.of(
                            "cloudformation:DeleteStack",
                            "cloudformation:DescribeStacks",
                            "cloudformation:DescribeStackEvents"),
                    List.of(STACK + "launch-constraints-for-portfolio-*/*", STACK + "servicecatalog-puppet-shares/*")),
            new Grant(
                    "ProductStacks",
                    "ProvisioningOperations.unchanged reads a provisioned product's stack (SC-<account>-<id>) to"
                            + " skip an update that would change nothing",
                    List.of("cloudformation:DescribeStacks"),
                    List.of(STACK + "SC-*/*")),
            new Grant(
                    "EventBus",
                    "AwsPuppetOperations.ensureEventBus (should_forward_events_to_eventbridge)",
                    List.of("events:DescribeEventBus", "events:CreateEventBus"),
                    List.of(
                            "arn:${AWS::Partition}:events:*:${AWS::AccountId}:event-bus/servicecatalog-puppet-event-bus")),
            new Grant(
                    "EventBusPolicies",
                    "CloudFormation, with this role's credentials, creating the AWS::Events::EventBusPolicy"
                            + " resources of SharingPolicies (PutPermission and RemovePermission take no resource)",
                    List.of("events:PutPermission", "events:RemovePermission"),
                    List.of("*")),
            new Grant(
                    "Parameters",
                    "SsmConfigStore (/servicecatalog-puppet/config), the manifest's ssm parameters and outputs,"
                            + " SpokeDeploy's service-catalog-puppet-version; names come from the manifest. Read with"
                            + " decryption: a SecureString under the aws/ssm key needs nothing more",
                    List.of("ssm:GetParameter", "ssm:PutParameter", "ssm:DeleteParameter"),
                    List.of("arn:${AWS::Partition}:ssm:*:${AWS::AccountId}:parameter/*")),
            new Grant(
                    "Builds",
                    "AwsPuppetOperations.runCodeBuild (the manifest's actions) and SpokeDeploy.start (the"
                            + " deploy-in-spoke project)",
                    List.of("codebuild:StartBuild", "codebuild:BatchGetBuilds"),
                    List.of("arn:${AWS::Partition}:codebuild:*:${AWS::AccountId}:project/*")),
            new Grant(
                    "Lambdas",
                    "AwsPuppetOperations.invokeLambda (lambda-invocations; the function may be named by an ARN in"
                            + " another account)",
                    List.of("lambda:InvokeFunction"),
                    List.of("arn:${AWS::Partition}:lambda:*:*:function:*")));

    private PuppetRolePermissions() {}

    public static List<Grant> grants() {
        return GRANTS;
    }

    /** Every action some grant lists, in order, without repeats. */
    public static Set<String> actions() {
        Set<String> out = new LinkedHashSet<>();
        GRANTS.forEach(g -> out.addAll(g.actions()));
        return out;
    }

    /** The inline policy as the spoke template writes it: resources with a variable become Fn::Sub. */
    static ObjectNode policyDocument() {
        ObjectNode doc = J.objectNode().put("Version", "2012-10-17");
        ArrayNode statements = doc.putArray("Statement");
        for (Grant g : GRANTS) {
            ObjectNode s = statements.addObject().put("Sid", g.sid()).put("Effect", "Allow");
            ArrayNode actions = s.putArray("Action");
            g.actions().forEach(actions::add);
            ArrayNode resources = s.putArray("Resource");
            for (String r : g.resources()) {
                if (r.contains("${")) {
                    resources.addObject().put("Fn::Sub", r);
                } else {
                    resources.add(r);
                }
            }
        }
        return doc;
    }
}
