package io.jenkins.plugins.scpuppet.tasks;

import io.jenkins.plugins.scpuppet.engine.TaskSpec;

/**
 * Getting a hub portfolio into a target account: look the portfolio up in the hub (every run), then the cacheable
 * chain keyed by its id: share, accept and associate (or, in the puppet account itself, associate only).
 */
final class SharingTasks {
    static final String LEGACY_SHARES_STACK = "servicecatalog-puppet-shares";
    private final TaskFactory f;

    SharingTasks(TaskFactory f) {
        this.f = f;
    }

    /** GetPortfolioByPortfolioName in the puppet account; it first removes upstream's legacy shares stack (once). */
    TaskSpec hubPortfolio(String region, String portfolio) {
        TaskSpec legacyStack = deleteStack(f.puppetAccountId, region, LEGACY_SHARES_STACK);
        return portfolioLookup(f.puppetAccountId, region, portfolio)
                .requires(legacyStack)
                .build();
    }

    TaskSpec.Builder portfolioLookup(String accountId, String region, String portfolio) {
        return f.spec(PuppetFamily.GetPortfolioByPortfolioName)
                .param("account_id", accountId)
                .param("region", region)
                .param("portfolio", portfolio)
                .resource("servicecatalog.list_portfolios_" + accountId + "_" + region)
                .maxAttempts(3)
                .work(ctx -> f.ops.portfolioByName(accountId, region, portfolio));
    }

    TaskSpec deleteStack(String accountId, String region, String stackName) {
        return f.spec(PuppetFamily.DeleteCloudFormationStackTask)
                .param("account_id", accountId)
                .param("region", region)
                .param("stack_name", stackName)
                .resource("cloudformation.create_or_update_" + accountId + "_" + region)
                .maxAttempts(3)
                .work(ctx -> f.ops.deleteStack(accountId, region, stackName))
                .build();
    }

    /**
     * CreateShareForAccountLaunchRegion: cacheable and keyed by the hub portfolio id, so a re-created portfolio (new
     * id) is shared again while an unchanged one is a cache hit that prunes the whole chain.
     */
    TaskSpec createShare(String accountId, String region, String portfolio, String portfolioId) {
        TaskSpec.Builder share =
                idKeyed(PuppetFamily.CreateShareForAccountLaunchRegion, accountId, region, portfolio, portfolioId);
        if (accountId.equals(f.puppetAccountId)) {
            share.requires(idKeyed(
                            PuppetFamily.CreateAssociationsInPythonForPortfolioTask,
                            accountId,
                            region,
                            portfolio,
                            portfolioId)
                    .resource("servicecatalog.associate_principal_with_portfolio_" + region)
                    .work(ctx -> f.ops.associatePuppetRole(accountId, region, portfolioId))
                    .build());
        } else {
            TaskSpec sharePortfolio = idKeyed(
                            PuppetFamily.SharePortfolioTask, accountId, region, portfolio, portfolioId)
                    .resource("servicecatalog.create_portfolio_share_" + region)
                    .work(ctx -> f.ops.sharePortfolio(f.puppetAccountId, accountId, region, portfolioId))
                    .build();
            share.requires(idKeyed(PuppetFamily.ShareAndAcceptPortfolioTask, accountId, region, portfolio, portfolioId)
                    .requires(sharePortfolio)
                    .resource("servicecatalog.accept_portfolio_share_" + accountId + "_" + region)
                    .work(ctx -> f.ops.acceptShareAndAssociate(accountId, region, portfolioId))
                    .build());
        }
        return share.work(ctx -> ctx.emptyResult()
                        .put("account_id", accountId)
                        .put("region", region)
                        .put("portfolio", portfolio)
                        .put("portfolio_id", portfolioId))
                .build();
    }

    private TaskSpec.Builder idKeyed(
            PuppetFamily family, String accountId, String region, String portfolio, String portfolioId) {
        return f.spec(family)
                .param("puppet_account_id", f.puppetAccountId)
                .param("account_id", accountId)
                .param("region", region)
                .param("portfolio", portfolio)
                .param("portfolio_id", portfolioId)
                .maxAttempts(3);
    }
}
