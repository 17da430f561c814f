package io.jenkins.plugins.scpuppet.tasks;

import io.jenkins.plugins.scpuppet.engine.TaskFamily;
import java.util.Set;

/**
 * Upstream's task families. Exactly the 18 that servicecatalog-puppet 0.84.0's caching page lists are cacheable; the
 * flag lives here and nowhere else.
 */
public enum PuppetFamily implements TaskFamily {
    // The 18 cacheable families of the caching page, in its order.
    DeleteCloudFormationStackTask(true),
    EnsureEventBridgeEventBusTask(true),
    BootstrapSpokeAsTask(true),
    CreateLaunchRoleConstraintsForPortfolio(true),
    RequestPolicyTask(true),
    SharePortfolioTask(true),
    ShareAndAcceptPortfolioTask(true),
    CreateAssociationsInPythonForPortfolioTask(true),
    CreateShareForAccountLaunchRegion(true),
    DisassociateProductFromPortfolio(true),
    DisassociateProductsFromPortfolio(true),
    DeleteLocalPortfolio(true),
    DeletePortfolioShare(true),
    DeletePortfolio(true),
    ProvisioningArtifactParametersTask(true),
    ResetProvisionedProductOwnerTask(true),
    RunDeployInSpokeTask(true),
    LaunchInSpokeTask(true),

    // Run in every run.
    LaunchTask(false),
    SpokeLocalPortfolioTask(false),
    LambdaInvocationTask(false),
    GetSSMParamTask(false),
    GetPortfolioByPortfolioName(false),
    GetVersionDetailsByNames(false),
    ProvisionProductTask(false),
    ProvisionProductDryRunTask(false),
    TerminateProductTask(false),
    TerminateProductDryRunTask(false),
    ProvisionActionTask(false),
    CreateSpokeLocalPortfolioTask(false),
    CopyIntoSpokeLocalPortfolioTask(false),
    ImportIntoSpokeLocalPortfolioTask(false),
    CreateAssociationsForPortfolioTask(false),
    CreateLaunchRoleConstraintsForSpokeLocalPortfolioTask(false),
    InvokeLambdaTask(false),
    GeneratePolicies(false);

    private final boolean cacheable;

    PuppetFamily(boolean cacheable) {
        this.cacheable = cacheable;
    }

    @Override
    public boolean cacheable() {
        return cacheable;
    }

    /**
     * A product's parameters are stored once per portfolio, product, account and region, whatever the version: a new
     * version then finds the old target and its miss names the version that changed (issue #22).
     */
    @Override
    public Set<String> pathParameters() {
        return this == ProvisioningArtifactParametersTask
                ? Set.of("puppet_account_id", "portfolio", "product", "account_id", "region")
                : null;
    }
}
