package io.jenkins.plugins.scpuppet.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import io.jenkins.plugins.scpuppet.manifest.SpokeLocalPortfolio;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Removing a spoke-local portfolio. What to delete depends on what AWS holds (the local portfolio's id, its products),
 * so these tasks find out at run time and add the deletions as dynamic requirements, as upstream's requires() did.
 * Unlike upstream, the products are disassociated before the portfolio is deleted.
 */
final class DeletionTasks {
    private final TaskFactory f;
    private final SharingTasks sharing;

    DeletionTasks(TaskFactory f, SharingTasks sharing) {
        this.f = f;
        this.sharing = sharing;
    }

    TaskSpec deletePortfolio(
            String accountId, String region, String portfolio, SpokeLocalPortfolio.GenerationMethod method) {
        return f.spec(PuppetFamily.DeletePortfolio)
                .param("puppet_account_id", f.puppetAccountId)
                .param("account_id", accountId)
                .param("region", region)
                .param("portfolio", portfolio)
                .param("product_generation_method", method.name().toLowerCase(Locale.ROOT))
                .maxAttempts(3)
                .work(ctx -> {
                    JsonNode local = f.ops.findLocalPortfolio(accountId, region, portfolio);
                    if (local.hasNonNull("portfolio_id")) {
                        String id = local.path("portfolio_id").asText();
                        ctx.require(List.of(
                                sharing.deleteStack(accountId, region, "associations-for-portfolio-" + id),
                                sharing.deleteStack(accountId, region, "launch-constraints-v2-for-portfolio-" + id),
                                disassociateProducts(accountId, region, id)));
                        ctx.require(List.of(deleteLocalPortfolio(accountId, region, id)));
                    }
                    if (!accountId.equals(f.puppetAccountId)) {
                        ctx.require(List.of(deleteShare(accountId, region, portfolio)));
                    }
                    return ctx.emptyResult().put("portfolio", portfolio).put("deleted", true);
                })
                .build();
    }

    private TaskSpec disassociateProducts(String accountId, String region, String portfolioId) {
        return f.spec(PuppetFamily.DisassociateProductsFromPortfolio)
                .param("account_id", accountId)
                .param("region", region)
                .param("portfolio_id", portfolioId)
                .maxAttempts(3)
                .work(ctx -> {
                    List<TaskSpec> each = new ArrayList<>();
                    for (JsonNode product : f.ops.productsInPortfolio(accountId, region, portfolioId)
                            .path("product_ids")) {
                        each.add(disassociateProduct(accountId, region, portfolioId, product.asText()));
                    }
                    ctx.require(each);
                    return ctx.emptyResult().put("portfolio_id", portfolioId).put("products", each.size());
                })
                .build();
    }

    private TaskSpec disassociateProduct(String accountId, String region, String portfolioId, String productId) {
        return f.spec(PuppetFamily.DisassociateProductFromPortfolio)
                .param("account_id", accountId)
                .param("region", region)
                .param("portfolio_id", portfolioId)
                .param("product_id", productId)
                .maxAttempts(3)
                .work(ctx -> f.ops.disassociateProduct(accountId, region, portfolioId, productId))
                .build();
    }

    private TaskSpec deleteLocalPortfolio(String accountId, String region, String portfolioId) {
        return f.spec(PuppetFamily.DeleteLocalPortfolio)
                .param("account_id", accountId)
                .param("region", region)
                .param("portfolio_id", portfolioId)
                .resource("servicecatalog.delete_portfolio_" + accountId + "_" + region)
                .maxAttempts(3)
                .work(ctx -> f.ops.deleteLocalPortfolio(accountId, region, portfolioId))
                .build();
    }

    private TaskSpec deleteShare(String accountId, String region, String portfolio) {
        return f.spec(PuppetFamily.DeletePortfolioShare)
                .param("puppet_account_id", f.puppetAccountId)
                .param("account_id", accountId)
                .param("region", region)
                .param("portfolio", portfolio)
                .resource("servicecatalog.delete_portfolio_share_" + f.puppetAccountId + "_" + region)
                .maxAttempts(3)
                .work(ctx -> f.ops.deletePortfolioShare(f.puppetAccountId, accountId, region, portfolio))
                .build();
    }
}
