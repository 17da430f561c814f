package io.jenkins.plugins.scpuppet.aws;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.engine.Awaiting;
import io.jenkins.plugins.scpuppet.engine.TaskException;
import io.jenkins.plugins.scpuppet.tasks.PuppetOperations;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codebuild.model.Build;
import software.amazon.awssdk.services.codebuild.model.EnvironmentVariable;
import software.amazon.awssdk.services.codebuild.model.EnvironmentVariableType;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.servicecatalog.model.ProductViewDetail;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The AWS work of every task family, with the AWS SDK for Java v2. Calls into an account run as its PuppetRole;
 * SSM reads and writes and lambda invocations run as the puppet account in the home region, as upstream does.
 */
public final class AwsPuppetOperations implements PuppetOperations {
    static final String EVENT_BUS = "servicecatalog-puppet-event-bus";
    private static final JsonNodeFactory J = JsonNodeFactory.instance;

    private final AwsClients clients;
    private final String puppetAccountId;
    private final String homeRegion;
    private final Poller poller;
    private final PortfolioOperations portfolios;
    private final ProvisioningOperations provisioning;
    private final StackOperations stacks;
    private final SpokeDeploy spokeDeploy;

    public AwsPuppetOperations(AwsClients clients, String puppetAccountId, String homeRegion) {
        this(clients, puppetAccountId, homeRegion, null);
    }

    /** @param spokeDeploy how execution: spoke launches start their spokes' builds; null when the caller has none */
    public AwsPuppetOperations(AwsClients clients, String puppetAccountId, String homeRegion, SpokeDeploy spokeDeploy) {
        this(clients, puppetAccountId, homeRegion, spokeDeploy, false);
    }

    /**
     * @param holdWorkerWhileWaiting upstream's model: a worker sleeps while it polls a record or stack; otherwise a
     *     waiting operation throws {@link io.jenkins.plugins.scpuppet.engine.Awaiting} and frees it
     */
    public AwsPuppetOperations(
            AwsClients clients,
            String puppetAccountId,
            String homeRegion,
            SpokeDeploy spokeDeploy,
            boolean holdWorkerWhileWaiting) {
        this.spokeDeploy = spokeDeploy;
        this.clients = clients;
        this.puppetAccountId = puppetAccountId;
        this.homeRegion = homeRegion;
        this.poller =
                new Poller(clients.settings().pollInterval(), clients.settings().pollTimeout(), holdWorkerWhileWaiting);
        this.portfolios = new PortfolioOperations(clients, poller);
        this.provisioning = new ProvisioningOperations(clients, poller);
        this.stacks = new StackOperations(clients, poller);
    }

    @Override
    public ObjectNode portfolioByName(String accountId, String region, String portfolio) throws TaskException {
        return portfolios.portfolioByName(accountId, region, portfolio);
    }

    @Override
    public ObjectNode versionDetails(String accountId, String region, String portfolio, String product, String version)
            throws TaskException {
        return portfolios.versionDetails(accountId, region, portfolio, product, version);
    }

    /**
     * Upstream's GetSSMParamTask.run (servicecatalog_puppet/workflow/tasks.py at tag 0.84.0, line 118; the same
     * call at HEAD in workflow/ssm/get_ssm_parameter_task.py, line 39) calls {@code ssm.get_parameter(Name=name)} in
     * the puppet account and region, without WithDecryption, and writes {Name, Region, Value}: a SecureString
     * reaches the launch as its KMS ciphertext, which no template can use. Same call, same account and region here,
     * plus WithDecryption (ignored by AWS for String and StringList), so a SecureString reaches ProvisionProduct as
     * its value. The value is kept out of every result by the caller (SecureValues); Type and Version say what was
     * read.
     */
    @Override
    public ObjectNode ssmParameter(String name, String region) throws TaskException {
        try {
            var p = clients.ssm(puppetAccountId, region)
                    .getParameter(r -> r.name(name).withDecryption(true))
                    .parameter();
            return J.objectNode()
                    .put("Name", p.name())
                    .put("Region", region)
                    .put("Type", p.typeAsString())
                    .put("Version", p.version() == null ? 0 : p.version())
                    .put("Value", p.value());
        } catch (ParameterNotFoundException e) {
            throw new TaskException(
                    "ParameterNotFound",
                    "SSM parameter " + name + " does not exist in account " + puppetAccountId + " " + region
                            + "; create it or fix the manifest's ssm name",
                    false,
                    e);
        }
    }

    @Override
    public ObjectNode sharePortfolio(String puppet, String accountId, String region, String portfolioId) {
        return portfolios.share(puppet, accountId, region, portfolioId);
    }

    @Override
    public ObjectNode acceptShareAndAssociate(String accountId, String region, String portfolioId) {
        return portfolios.acceptAndAssociate(
                accountId, region, portfolioId, clients.settings().roleArn(accountId));
    }

    @Override
    public ObjectNode associatePuppetRole(String accountId, String region, String portfolioId) {
        return portfolios.associate(
                accountId, region, portfolioId, clients.settings().roleArn(accountId));
    }

    @Override
    public ObjectNode provisioningParameters(
            String accountId, String region, String portfolio, String productId, String versionId)
            throws TaskException {
        return provisioning.parameters(accountId, region, portfolio, productId, versionId);
    }

    @Override
    public ObjectNode provision(ProvisionRequest request) throws Exception {
        return provisioning.provision(request);
    }

    @Override
    public ObjectNode terminate(String launchName, String accountId, String region) throws Exception {
        return provisioning.terminate(accountId, region, launchName);
    }

    @Override
    public ObjectNode resetOwner(String launchName, String accountId, String region) {
        return provisioning.resetOwner(
                accountId, region, launchName, clients.settings().roleArn(accountId));
    }

    @Override
    public ObjectNode dryRunProvision(
            String launchName, String accountId, String region, String portfolio, String product, String version) {
        return provisioning.dryRunProvision(accountId, region, launchName, version);
    }

    @Override
    public ObjectNode dryRunTerminate(String launchName, String accountId, String region) {
        return provisioning.dryRunTerminate(accountId, region, launchName);
    }

    @Override
    public ObjectNode putSsmParameter(String name, String region, String value) {
        long version = clients.ssm(puppetAccountId, region)
                .putParameter(r ->
                        r.name(name).value(value).type(ParameterType.STRING).overwrite(true))
                .version();
        return J.objectNode().put("Name", name).put("Region", region).put("Version", version);
    }

    @Override
    public ObjectNode deleteSsmParameter(String name, String region) {
        try {
            clients.ssm(puppetAccountId, region).deleteParameter(r -> r.name(name));
            return J.objectNode().put("Name", name).put("deleted", true);
        } catch (ParameterNotFoundException e) {
            return J.objectNode().put("Name", name).put("deleted", false);
        }
    }

    @Override
    public ObjectNode runCodeBuild(String accountId, String region, String projectName, Map<String, String> env)
            throws Exception {
        var codeBuild = clients.codeBuild(accountId, region);
        String id = codeBuild
                .startBuild(r -> r.projectName(projectName)
                        .environmentVariablesOverride(env.entrySet().stream()
                                .map(e -> EnvironmentVariable.builder()
                                        .name(e.getKey())
                                        .value(e.getValue())
                                        .type(EnvironmentVariableType.PLAINTEXT)
                                        .build())
                                .toList()))
                .build()
                .id();
        return (ObjectNode) poller.settle(
                "build/" + projectName,
                "build " + id,
                () -> {
                    Build b = codeBuild.batchGetBuilds(r -> r.ids(id)).builds().get(0);
                    return b.buildStatusAsString().equals("IN_PROGRESS") ? null : b;
                },
                done -> {
                    if (!done.buildStatusAsString().equals("SUCCEEDED")) {
                        throw new TaskException(
                                "BuildFailed",
                                "CodeBuild project " + projectName + " build " + id + " ended "
                                        + done.buildStatusAsString(),
                                false);
                    }
                    return J.objectNode().put("build_id", id).put("status", "SUCCEEDED");
                });
    }

    @Override
    public ObjectNode invokeLambda(String functionName, String qualifier, String invocationType, ObjectNode payload)
            throws TaskException {
        InvokeResponse response = clients.lambda(puppetAccountId, homeRegion)
                .invoke(r -> r.functionName(functionName)
                        .qualifier(qualifier)
                        .invocationType(invocationType)
                        .payload(SdkBytes.fromString(payload.toString(), StandardCharsets.UTF_8)));
        int expected = switch (invocationType) {
            case "Event" -> 202;
            case "DryRun" -> 204;
            default -> 200;
        };
        if (response.functionError() != null) {
            throw new TaskException(
                    "FunctionError",
                    functionName + " failed: " + response.functionError() + " "
                            + response.payload().asUtf8String(),
                    false);
        }
        if (response.statusCode() != expected) {
            throw new TaskException(
                    "UnexpectedStatus",
                    functionName + " answered " + response.statusCode() + " to a " + invocationType
                            + " invocation, expected " + expected,
                    false);
        }
        return J.objectNode()
                .put("function_name", functionName)
                .put("status_code", response.statusCode())
                .set("payload", payload);
    }

    @Override
    public ObjectNode ensureLocalPortfolio(
            String accountId, String region, String portfolio, String providerName, String description) {
        return portfolios.ensureLocal(accountId, region, portfolio, providerName, description);
    }

    @Override
    public ObjectNode fillLocalPortfolio(
            String accountId, String region, String hubPortfolioId, String localPortfolioId, boolean copy)
            throws TaskException, InterruptedException {
        return portfolios.fill(accountId, region, hubPortfolioId, localPortfolioId, copy);
    }

    @Override
    public ObjectNode associatePrincipals(String accountId, String region, String portfolioId, List<String> principals)
            throws Exception {
        return stacks.createOrUpdate(
                accountId,
                region,
                "associations-for-portfolio-" + portfolioId,
                StackTemplates.associations(portfolioId, principals));
    }

    @Override
    public ObjectNode launchConstraints(
            String accountId, String region, String portfolioId, List<Constraint> constraints) throws Exception {
        List<ProductViewDetail> products = portfolios.productsIn(accountId, region, portfolioId, null);
        Map<String, List<String>> roles = new LinkedHashMap<>();
        for (Constraint c : constraints) {
            Pattern regex = c.productsRegex() == null ? null : Pattern.compile(c.productsRegex());
            for (ProductViewDetail p : products) {
                String name = p.productViewSummary().name();
                if (name.equals(c.product())
                        || (regex != null && regex.matcher(name).matches())) {
                    roles.put(p.productViewSummary().productId(), c.roles());
                }
            }
        }
        // The old stack goes first; the new one is made when its deletion has settled (both may wait on AWS).
        return (ObjectNode) Awaiting.then(
                () -> stacks.delete(accountId, region, "launch-constraints-for-portfolio-" + portfolioId),
                deleted -> stacks.createOrUpdate(
                        accountId,
                        region,
                        "launch-constraints-v2-for-portfolio-" + portfolioId,
                        StackTemplates.launchConstraints(portfolioId, roles)));
    }

    @Override
    public ObjectNode findLocalPortfolio(String accountId, String region, String portfolio) {
        return portfolios.findLocal(accountId, region, portfolio);
    }

    @Override
    public ObjectNode productsInPortfolio(String accountId, String region, String portfolioId) {
        return portfolios.productIds(accountId, region, portfolioId);
    }

    @Override
    public ObjectNode disassociateProduct(String accountId, String region, String portfolioId, String productId) {
        return portfolios.disassociate(accountId, region, portfolioId, productId);
    }

    @Override
    public ObjectNode deleteLocalPortfolio(String accountId, String region, String portfolioId) {
        return portfolios.delete(accountId, region, portfolioId);
    }

    @Override
    public ObjectNode deletePortfolioShare(String puppet, String accountId, String region, String portfolio) {
        return portfolios.deleteShare(puppet, accountId, region, portfolio);
    }

    @Override
    public ObjectNode deleteStack(String accountId, String region, String stackName) throws Exception {
        return stacks.delete(accountId, region, stackName);
    }

    @Override
    public ObjectNode ensureEventBus(String accountId, String region) {
        var events = clients.eventBridge(accountId, region);
        try {
            events.describeEventBus(r -> r.name(EVENT_BUS));
            return J.objectNode().put("name", EVENT_BUS).put("created", false);
        } catch (software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException e) {
            try {
                events.createEventBus(r -> r.name(EVENT_BUS));
            } catch (ResourceAlreadyExistsException raced) {
                return J.objectNode().put("name", EVENT_BUS).put("created", false);
            }
            return J.objectNode().put("name", EVENT_BUS).put("created", true);
        }
    }

    @Override
    public ObjectNode ensureSharingPolicies(
            String puppet, String region, List<String> accounts, List<String> organizations) throws Exception {
        return stacks.createOrUpdate(
                puppet, region, SharingPolicies.STACK, SharingPolicies.template(accounts, organizations));
    }

    @Override
    public ObjectNode startSpokeDeploy(String puppet, String accountId, String homeRegion, List<String> regions)
            throws TaskException {
        if (spokeDeploy == null) {
            throw new TaskException(
                    "SpokeDeployNotConfigured",
                    "execution: spoke needs the expanded manifest to hand to the spoke; this caller did not provide it",
                    false);
        }
        return spokeDeploy.start(accountId, regions);
    }
}
