package io.jenkins.plugins.scpuppet.tasks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.engine.TaskException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An in-memory stand-in for the AWS work, used to test the graph's orchestration: it enforces the order upstream
 * relies on (a product can only be looked up in a spoke after the portfolio is shared and accepted) and logs calls.
 */
class FakeOperations implements PuppetOperations {
    private static final JsonNodeFactory J = JsonNodeFactory.instance;
    final String puppet;
    final List<String> calls = new ArrayList<>();
    final Set<String> shared = new HashSet<>();
    final Set<String> accepted = new HashSet<>();
    final Map<String, String> provisioned = new HashMap<>();
    final Map<String, String> ssm = new HashMap<>();
    final Map<String, String> localPortfolios = new HashMap<>();
    String portfolioSuffix = "";

    FakeOperations(String puppet) {
        this.puppet = puppet;
    }

    private synchronized void log(String call) {
        calls.add(call);
    }

    synchronized long count(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).count();
    }

    @Override
    public ObjectNode portfolioByName(String accountId, String region, String portfolio) {
        log("portfolioByName " + accountId + " " + region + " " + portfolio);
        return J.objectNode()
                .put("portfolio_id", "port-" + portfolio + portfolioSuffix)
                .put("portfolio_name", portfolio)
                .put("provider_name", "ccoe")
                .put("description", "hub portfolio");
    }

    @Override
    public synchronized ObjectNode versionDetails(
            String accountId, String region, String portfolio, String product, String version) throws TaskException {
        log("versionDetails " + accountId + " " + region + " " + product);
        String key = accountId + "/" + region + "/port-" + portfolio + portfolioSuffix;
        if (!accountId.equals(puppet) && !accepted.contains(key)) {
            throw new TaskException(
                    "ResourceNotFoundException", "portfolio " + portfolio + " is not shared with " + accountId, false);
        }
        return J.objectNode()
                .put("portfolio_id", "port-" + portfolio + portfolioSuffix)
                .put("product_id", "prod-" + product)
                .put("version_id", "pa-" + product + "-" + version);
    }

    @Override
    public synchronized ObjectNode ssmParameter(String name, String region) throws TaskException {
        log("ssmParameter " + name + " " + region);
        String value = ssm.get(region + name);
        if (value == null) {
            throw new TaskException("ParameterNotFound", "no parameter " + name + " in " + region, false);
        }
        return J.objectNode().put("Name", name).put("Region", region).put("Value", value);
    }

    @Override
    public synchronized ObjectNode sharePortfolio(
            String puppetAccountId, String accountId, String region, String portfolioId) {
        log("sharePortfolio " + accountId + " " + region + " " + portfolioId);
        shared.add(accountId + "/" + region + "/" + portfolioId);
        return J.objectNode().put("shared", true);
    }

    @Override
    public synchronized ObjectNode acceptShareAndAssociate(String accountId, String region, String portfolioId)
            throws TaskException {
        log("acceptShare " + accountId + " " + region + " " + portfolioId);
        if (!shared.contains(accountId + "/" + region + "/" + portfolioId)) {
            throw new TaskException("ResourceNotFoundException", "no share to accept", false);
        }
        accepted.add(accountId + "/" + region + "/" + portfolioId);
        return J.objectNode().put("accepted", true);
    }

    @Override
    public ObjectNode associatePuppetRole(String accountId, String region, String portfolioId) {
        log("associatePuppetRole " + accountId + " " + region + " " + portfolioId);
        return J.objectNode().put("associated", true);
    }

    @Override
    public ObjectNode provisioningParameters(
            String accountId, String region, String portfolioId, String productId, String versionId) {
        log("provisioningParameters " + accountId + " " + region + " " + versionId);
        return J.objectNode()
                .set(
                        "parameters",
                        J.arrayNode()
                                .add(J.objectNode().put("ParameterKey", "CidrBlock"))
                                .add(J.objectNode().put("ParameterKey", "Environment")));
    }

    @Override
    public synchronized ObjectNode provision(ProvisionRequest r) {
        log("provision " + r.launchName() + " " + r.accountId() + " " + r.region() + " " + r.parameters());
        provisioned.put(r.launchName() + "/" + r.accountId() + "/" + r.region(), r.versionId());
        ObjectNode result = J.objectNode()
                .put("provisioned_product_id", "pp-" + r.launchName())
                .put("status", "AVAILABLE");
        result.putObject("outputs").put("VpcId", "vpc-" + r.accountId());
        return result;
    }

    @Override
    public synchronized ObjectNode terminate(String launchName, String accountId, String region) {
        log("terminate " + launchName + " " + accountId + " " + region);
        provisioned.remove(launchName + "/" + accountId + "/" + region);
        return J.objectNode().put("terminated", true);
    }

    @Override
    public ObjectNode resetOwner(String launchName, String accountId, String region) {
        log("resetOwner " + launchName + " " + accountId + " " + region);
        return J.objectNode();
    }

    @Override
    public ObjectNode dryRunProvision(
            String launchName, String accountId, String region, String portfolio, String product, String version) {
        log("dryRunProvision " + launchName + " " + accountId + " " + region);
        return J.objectNode().put("effect", "CHANGE");
    }

    @Override
    public ObjectNode dryRunTerminate(String launchName, String accountId, String region) {
        log("dryRunTerminate " + launchName + " " + accountId + " " + region);
        return J.objectNode().put("effect", "NO_CHANGE");
    }

    @Override
    public synchronized ObjectNode putSsmParameter(String name, String region, String value) {
        log("putSsmParameter " + name + " " + region + " " + value);
        ssm.put(region + name, value);
        return J.objectNode();
    }

    @Override
    public synchronized ObjectNode deleteSsmParameter(String name, String region) {
        log("deleteSsmParameter " + name + " " + region);
        ssm.remove(region + name);
        return J.objectNode();
    }

    @Override
    public ObjectNode runCodeBuild(String accountId, String region, String projectName, Map<String, String> env) {
        log("runCodeBuild " + projectName + " " + env);
        return J.objectNode().put("status", "SUCCEEDED");
    }

    @Override
    public ObjectNode invokeLambda(String functionName, String qualifier, String invocationType, ObjectNode payload) {
        log("invokeLambda " + functionName + " " + payload.path("account_id").asText() + " "
                + payload.path("region").asText());
        return J.objectNode().put("StatusCode", 202);
    }

    @Override
    public synchronized ObjectNode ensureLocalPortfolio(
            String accountId, String region, String portfolio, String providerName, String description) {
        log("ensureLocalPortfolio " + accountId + " " + region + " " + portfolio);
        String id = localPortfolios.computeIfAbsent(
                accountId + "/" + region + "/" + portfolio, k -> "local-" + accountId + "-" + region);
        return J.objectNode().put("portfolio_id", id);
    }

    @Override
    public ObjectNode fillLocalPortfolio(
            String accountId, String region, String hubPortfolioId, String localPortfolioId, boolean copy) {
        log((copy ? "copy " : "import ") + accountId + " " + region + " " + hubPortfolioId + " " + localPortfolioId);
        return J.objectNode();
    }

    @Override
    public ObjectNode associatePrincipals(
            String accountId, String region, String portfolioId, List<String> principals) {
        log("associatePrincipals " + accountId + " " + region + " " + principals);
        return J.objectNode();
    }

    @Override
    public ObjectNode launchConstraints(
            String accountId, String region, String portfolioId, List<Constraint> constraints) {
        log("launchConstraints " + accountId + " " + region + " " + portfolioId + " " + constraints);
        return J.objectNode();
    }

    @Override
    public synchronized ObjectNode findLocalPortfolio(String accountId, String region, String portfolio) {
        log("findLocalPortfolio " + accountId + " " + region + " " + portfolio);
        String id = localPortfolios.get(accountId + "/" + region + "/" + portfolio);
        return id == null ? J.objectNode() : J.objectNode().put("portfolio_id", id);
    }

    @Override
    public ObjectNode productsInPortfolio(String accountId, String region, String portfolioId) {
        log("productsInPortfolio " + accountId + " " + region + " " + portfolioId);
        return J.objectNode().set("product_ids", J.arrayNode().add("prod-a").add("prod-b"));
    }

    @Override
    public ObjectNode disassociateProduct(String accountId, String region, String portfolioId, String productId) {
        log("disassociateProduct " + accountId + " " + region + " " + portfolioId + " " + productId);
        return J.objectNode();
    }

    @Override
    public synchronized ObjectNode deleteLocalPortfolio(String accountId, String region, String portfolioId) {
        log("deleteLocalPortfolio " + accountId + " " + region + " " + portfolioId);
        localPortfolios.values().remove(portfolioId);
        return J.objectNode();
    }

    @Override
    public ObjectNode deletePortfolioShare(String puppetAccountId, String accountId, String region, String portfolio) {
        log("deletePortfolioShare " + accountId + " " + region + " " + portfolio);
        return J.objectNode();
    }

    @Override
    public ObjectNode deleteStack(String accountId, String region, String stackName) {
        log("deleteStack " + accountId + " " + region + " " + stackName);
        return J.objectNode();
    }

    @Override
    public ObjectNode ensureEventBus(String accountId, String region) {
        log("ensureEventBus " + accountId + " " + region);
        return J.objectNode();
    }

    @Override
    public ObjectNode ensureSharingPolicies(
            String puppetAccountId, String region, List<String> accounts, List<String> organizations) {
        log("ensureSharingPolicies " + region + " " + accounts + " " + organizations);
        return J.objectNode();
    }

    @Override
    public ObjectNode startSpokeDeploy(
            String puppetAccountId, String accountId, String homeRegion, List<String> regions) {
        log("startSpokeDeploy " + accountId);
        return J.objectNode().put("build_id", "b-" + accountId);
    }
}
