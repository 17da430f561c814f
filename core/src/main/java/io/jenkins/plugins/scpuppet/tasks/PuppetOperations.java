package io.jenkins.plugins.scpuppet.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The AWS work behind each task family, one method per call site, in the target account and region. The aws package
 * implements it with the AWS SDK; the task graph only orchestrates (what runs first, which ids flow where).
 *
 * <p>Every method must be idempotent: called again after a crash, "already done" is success.
 */
public interface PuppetOperations {

    /** {portfolio_id, portfolio_name, provider_name, description} of a portfolio visible in the account. */
    ObjectNode portfolioByName(String accountId, String region, String portfolio) throws Exception;

    /** {portfolio_id, product_id, version_id} as seen from the target account (after the share is accepted). */
    ObjectNode versionDetails(String accountId, String region, String portfolio, String product, String version)
            throws Exception;

    /** {Name, Region, Value}. */
    ObjectNode ssmParameter(String name, String region) throws Exception;

    ObjectNode sharePortfolio(String puppetAccountId, String accountId, String region, String portfolioId)
            throws Exception;

    ObjectNode acceptShareAndAssociate(String accountId, String region, String portfolioId) throws Exception;

    ObjectNode associatePuppetRole(String accountId, String region, String portfolioId) throws Exception;

    /** {parameters: [...]} of a provisioning artifact. */
    ObjectNode provisioningParameters(
            String accountId, String region, String portfolioId, String productId, String versionId) throws Exception;

    /**
     * What to provision: the launch in one account and region, with its resolved parameter values. Only parameters
     * the version declares are passed, as upstream does.
     *
     * @param parameterIdentities what each value is, for idempotency tokens: the value, or for a SecureString its
     *     name and version (a token derived from a secret would carry it to wherever the request is logged)
     */
    record ProvisionRequest(
            String launchName,
            String accountId,
            String region,
            String portfolio,
            String productId,
            String versionId,
            Map<String, String> parameters,
            List<String> declaredParameters,
            boolean awaitCompletion,
            Map<String, String> parameterIdentities) {

        /** A request without SecureString parameters: each value is its own identity. */
        public ProvisionRequest(
                String launchName,
                String accountId,
                String region,
                String portfolio,
                String productId,
                String versionId,
                Map<String, String> parameters,
                List<String> declaredParameters,
                boolean awaitCompletion) {
            this(
                    launchName,
                    accountId,
                    region,
                    portfolio,
                    productId,
                    versionId,
                    parameters,
                    declaredParameters,
                    awaitCompletion,
                    parameters);
        }
    }

    /** Provisions or updates; returns {provisioned_product_id, status, outputs: {Key: Value}}. */
    ObjectNode provision(ProvisionRequest request) throws Exception;

    /** Terminates the launch's provisioned product if there is one. */
    ObjectNode terminate(String launchName, String accountId, String region) throws Exception;

    /** Makes the account's PuppetRole the OWNER of the launch's provisioned product, if there is one. */
    ObjectNode resetOwner(String launchName, String accountId, String region) throws Exception;

    /**
     * Read-only: {effect: NO_CHANGE|CHANGE, current_version, new_version, current_status, active, notes}, and
     * provisioned_product_id when one is provisioned.
     */
    ObjectNode dryRunProvision(
            String launchName, String accountId, String region, String portfolio, String product, String version)
            throws Exception;

    /** Read-only: {effect, current_version, notes}. */
    ObjectNode dryRunTerminate(String launchName, String accountId, String region) throws Exception;

    ObjectNode putSsmParameter(String name, String region, String value) throws Exception;

    ObjectNode deleteSsmParameter(String name, String region) throws Exception;

    /** Runs a CodeBuild project to completion; fails unless it SUCCEEDED. */
    ObjectNode runCodeBuild(String accountId, String region, String projectName, Map<String, String> environment)
            throws Exception;

    /** Invokes a function as the puppet account in the home region. */
    ObjectNode invokeLambda(String functionName, String qualifier, String invocationType, ObjectNode payload)
            throws Exception;

    /** Creates the spoke-local portfolio if missing; returns {portfolio_id}. */
    ObjectNode ensureLocalPortfolio(
            String accountId, String region, String portfolio, String providerName, String description)
            throws Exception;

    /** Copies (or, with copy false, imports) the hub portfolio's products into the spoke-local portfolio. */
    ObjectNode fillLocalPortfolio(
            String accountId, String region, String hubPortfolioId, String localPortfolioId, boolean copy)
            throws Exception;

    /** Associates principals (role ARNs, placeholders already filled) through a stack. */
    ObjectNode associatePrincipals(String accountId, String region, String portfolioId, List<String> principals)
            throws Exception;

    /** Launch role constraints through a stack; products is a name or a regex per constraint. */
    ObjectNode launchConstraints(String accountId, String region, String portfolioId, List<Constraint> constraints)
            throws Exception;

    /** A launch constraint with its placeholders filled. */
    record Constraint(String product, String productsRegex, List<String> roles) {}

    /** {portfolio_id} of the account's local portfolio with this name, or {} when there is none. */
    ObjectNode findLocalPortfolio(String accountId, String region, String portfolio) throws Exception;

    /** {product_ids: [...]} of the products in a portfolio. */
    ObjectNode productsInPortfolio(String accountId, String region, String portfolioId) throws Exception;

    ObjectNode disassociateProduct(String accountId, String region, String portfolioId, String productId)
            throws Exception;

    ObjectNode deleteLocalPortfolio(String accountId, String region, String portfolioId) throws Exception;

    ObjectNode deletePortfolioShare(String puppetAccountId, String accountId, String region, String portfolio)
            throws Exception;

    ObjectNode deleteStack(String accountId, String region, String stackName) throws Exception;

    ObjectNode ensureEventBus(String accountId, String region) throws Exception;

    /**
     * Stack servicecatalog-puppet-policies in the puppet account: lets these accounts (and accounts of these
     * organizations) put events on the hub's event bus.
     */
    ObjectNode ensureSharingPolicies(
            String puppetAccountId, String region, List<String> accounts, List<String> organizations) throws Exception;

    /** Starts the spoke's deploy build without waiting. */
    ObjectNode startSpokeDeploy(String puppetAccountId, String accountId, String homeRegion, List<String> regions)
            throws Exception;
}
