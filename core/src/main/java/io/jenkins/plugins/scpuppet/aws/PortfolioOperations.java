package io.jenkins.plugins.scpuppet.aws;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.engine.TaskException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.servicecatalog.ServiceCatalogClient;
import software.amazon.awssdk.services.servicecatalog.model.PortfolioDetail;
import software.amazon.awssdk.services.servicecatalog.model.PortfolioShareType;
import software.amazon.awssdk.services.servicecatalog.model.PrincipalType;
import software.amazon.awssdk.services.servicecatalog.model.ProductViewDetail;
import software.amazon.awssdk.services.servicecatalog.model.ProductViewFilterBy;
import software.amazon.awssdk.services.servicecatalog.model.ProvisioningArtifactDetail;

/** Portfolio lookups, sharing, principal associations and spoke-local portfolios, with Service Catalog. */
final class PortfolioOperations {
    private static final JsonNodeFactory J = JsonNodeFactory.instance;
    private final AwsClients clients;
    private final Poller poller;
    private final PortfolioAccess access = new PortfolioAccess();
    private final RunListings<PortfolioDetail> imported = new RunListings<>();
    private final RunListings<ProductViewDetail> products = new RunListings<>();
    private final RunListings<ProvisioningArtifactDetail> artifacts = new RunListings<>();

    PortfolioOperations(AwsClients clients, Poller poller) {
        this.clients = clients;
        this.poller = poller;
    }

    private ServiceCatalogClient sc(String account, String region) {
        return clients.serviceCatalog(account, region);
    }

    Optional<PortfolioDetail> own(String account, String region, String name) {
        return sc(account, region).listPortfoliosPaginator(r -> {}).stream()
                .flatMap(page -> page.portfolioDetails().stream())
                .filter(p -> name.equals(p.displayName()))
                .findFirst();
    }

    /** A portfolio the spoke imported (accepted a share of), from the run's list of them. */
    private Optional<PortfolioDetail> imported(String account, String region, Predicate<PortfolioDetail> which) {
        return imported.find(account + " " + region, which, () -> listImported(account, region));
    }

    private List<PortfolioDetail> listImported(String account, String region) {
        return sc(account, region)
                .listAcceptedPortfolioSharesPaginator(r -> r.portfolioShareType(PortfolioShareType.IMPORTED))
                .stream()
                .flatMap(page -> page.portfolioDetails().stream())
                .toList();
    }

    ObjectNode portfolioByName(String account, String region, String name) throws TaskException {
        PortfolioDetail p = own(account, region, name)
                .orElseThrow(() -> new TaskException(
                        "PortfolioNotFound",
                        "no portfolio named '" + name
                                + "' in account " + account + " " + region + "; create it there or fix the manifest's"
                                + " portfolio",
                        false));
        return detail(p);
    }

    static ObjectNode detail(PortfolioDetail p) {
        return J.objectNode()
                .put("portfolio_id", p.id())
                .put("portfolio_name", p.displayName())
                .put("provider_name", p.providerName())
                .put("description", p.description() == null ? "" : p.description());
    }

    ObjectNode versionDetails(String account, String region, String portfolio, String product, String version)
            throws TaskException {
        PortfolioDetail p = imported(account, region, d -> portfolio.equals(d.displayName()))
                .or(() -> own(account, region, portfolio))
                .orElseThrow(() -> new TaskException(
                        "PortfolioNotFound",
                        "portfolio '" + portfolio + "' is not visible in " + account + " " + region,
                        false));
        ProductViewDetail view = products.find(
                        account + " " + region + " " + p.id(),
                        v -> product.equals(v.productViewSummary().name()),
                        () -> productsIn(account, region, p.id(), null))
                .orElseThrow(() -> new TaskException(
                        "ProductNotFound",
                        "no product '" + product + "' in portfolio '" + portfolio + "' (" + p.id() + ") in " + account
                                + " " + region,
                        false));
        String productId = view.productViewSummary().productId();
        ProvisioningArtifactDetail artifact = artifacts
                .find(
                        account + " " + region + " " + productId,
                        a -> version.equals(a.name()),
                        () -> sc(account, region)
                                .listProvisioningArtifacts(r -> r.productId(productId))
                                .provisioningArtifactDetails())
                .orElseThrow(() -> new TaskException(
                        "VersionNotFound",
                        "product '" + product + "' has no version '" + version + "' in " + account + " " + region,
                        false));
        return J.objectNode()
                .put("portfolio_id", p.id())
                .put("product_id", productId)
                .put("version_id", artifact.id());
    }

    List<ProductViewDetail> productsIn(String account, String region, String portfolioId, String nameFilter) {
        return sc(account, region)
                .searchProductsAsAdminPaginator(r -> {
                    r.portfolioId(portfolioId);
                    if (nameFilter != null) {
                        r.filtersWithStrings(
                                Map.of(ProductViewFilterBy.FULL_TEXT_SEARCH.toString(), List.of(nameFilter)));
                    }
                })
                .stream()
                .flatMap(page -> page.productViewDetails().stream())
                .toList();
    }

    ObjectNode share(String hubAccount, String account, String region, String portfolioId) {
        ServiceCatalogClient hub = sc(hubAccount, region);
        boolean created = !access.isShared(
                hubAccount,
                region,
                portfolioId,
                account,
                () -> hub.listPortfolioAccessPaginator(r -> r.portfolioId(portfolioId)).stream()
                        .flatMap(page -> page.accountIds().stream())
                        .toList());
        if (created) {
            hub.createPortfolioShare(r -> r.portfolioId(portfolioId).accountId(account));
            access.shared(hubAccount, region, portfolioId, account);
        }
        return J.objectNode()
                .put("portfolio_id", portfolioId)
                .put("account_id", account)
                .put("created", created);
    }

    ObjectNode acceptAndAssociate(String account, String region, String portfolioId, String roleArn) {
        boolean isAccepted =
                imported(account, region, p -> portfolioId.equals(p.id())).isPresent();
        if (!isAccepted) {
            sc(account, region).acceptPortfolioShare(r -> r.portfolioId(portfolioId));
        }
        ObjectNode result = associate(account, region, portfolioId, roleArn);
        return result.put("accepted", !isAccepted);
    }

    ObjectNode associate(String account, String region, String portfolioId, String principalArn) {
        boolean present =
                sc(account, region).listPrincipalsForPortfolioPaginator(r -> r.portfolioId(portfolioId)).stream()
                        .flatMap(page -> page.principals().stream())
                        .anyMatch(p -> principalArn.equals(p.principalARN()));
        if (!present) {
            sc(account, region)
                    .associatePrincipalWithPortfolio(r -> r.portfolioId(portfolioId)
                            .principalARN(principalArn)
                            .principalType(PrincipalType.IAM));
        }
        return J.objectNode()
                .put("portfolio_id", portfolioId)
                .put("principal", principalArn)
                .put("associated", !present);
    }

    ObjectNode ensureLocal(String account, String region, String name, String provider, String description) {
        PortfolioDetail p = own(account, region, name)
                .orElseGet(() -> sc(account, region)
                        .createPortfolio(r -> r.displayName(name)
                                .providerName(
                                        provider == null || provider.isEmpty() ? "servicecatalog-puppet" : provider)
                                .description(description)
                                .idempotencyToken(Tokens.of("portfolio", account, region, name)))
                        .portfolioDetail());
        return J.objectNode().put("portfolio_id", p.id());
    }

    ObjectNode fill(String account, String region, String hubPortfolioId, String localPortfolioId, boolean copy)
            throws TaskException, InterruptedException {
        Map<String, String> present = new HashMap<>(); // name -> product id in the local portfolio
        productsIn(account, region, localPortfolioId, null)
                .forEach(v -> present.put(
                        v.productViewSummary().name(), v.productViewSummary().productId()));
        int added = 0;
        int versionsAdded = 0;
        for (ProductViewDetail hubProduct : productsIn(account, region, hubPortfolioId, null)) {
            String localId = present.get(hubProduct.productViewSummary().name());
            if (localId != null) {
                if (copy) {
                    // Upstream's rule: a product copied before gets the hub versions it does not have yet.
                    versionsAdded += copyNewVersions(account, region, hubProduct, localId);
                }
                continue;
            }
            String productId = hubProduct.productViewSummary().productId();
            if (copy) {
                productId = copyProduct(account, region, hubProduct);
            }
            String id = productId;
            sc(account, region).associateProductWithPortfolio(r -> {
                r.productId(id).portfolioId(localPortfolioId);
                if (!copy) {
                    r.sourcePortfolioId(hubPortfolioId);
                }
            });
            added++;
        }
        return J.objectNode()
                .put("portfolio_id", localPortfolioId)
                .put("products_added", added)
                .put("versions_added", versionsAdded);
    }

    /** Copies into {@code localProductId} the versions of the hub product it lacks (by name); returns how many. */
    private int copyNewVersions(String account, String region, ProductViewDetail hubProduct, String localProductId)
            throws TaskException, InterruptedException {
        Set<String> have = new HashSet<>();
        sc(account, region)
                .listProvisioningArtifacts(r -> r.productId(localProductId))
                .provisioningArtifactDetails()
                .forEach(a -> have.add(a.name()));
        List<Map<String, String>> missing = new ArrayList<>();
        sc(account, region)
                .listProvisioningArtifacts(
                        r -> r.productId(hubProduct.productViewSummary().productId()))
                .provisioningArtifactDetails()
                .stream()
                .filter(a -> !have.contains(a.name()))
                .forEach(a -> missing.add(Map.of("Id", a.id())));
        if (!missing.isEmpty()) {
            awaitCopy(
                    account,
                    region,
                    hubProduct.productViewSummary().name(),
                    sc(account, region)
                            .copyProduct(r -> r.sourceProductArn(hubProduct.productARN())
                                    .targetProductId(localProductId)
                                    .sourceProvisioningArtifactIdentifiersWithStrings(missing)
                                    .idempotencyToken(Tokens.of(
                                            "copy-versions", account, region, localProductId, missing.toString())))
                            .copyProductToken());
        }
        return missing.size();
    }

    private String copyProduct(String account, String region, ProductViewDetail source)
            throws TaskException, InterruptedException {
        String token = sc(account, region)
                .copyProduct(r -> r.sourceProductArn(source.productARN())
                        .targetProductName(source.productViewSummary().name())
                        .idempotencyToken(Tokens.of("copy", account, region, source.productARN())))
                .copyProductToken();
        return awaitCopy(account, region, source.productViewSummary().name(), token);
    }

    /** Polls a copy until it succeeds (the target product's id) or fails. */
    private String awaitCopy(String account, String region, String productName, String token)
            throws TaskException, InterruptedException {
        return poller.until("copy of product " + productName, () -> {
            var status = sc(account, region).describeCopyProductStatus(r -> r.copyProductToken(token));
            return switch (status.copyProductStatus()) {
                case SUCCEEDED -> status.targetProductId();
                case FAILED -> throw new IllegalStateException("copy failed: " + status.statusDetail());
                default -> null;
            };
        });
    }

    ObjectNode findLocal(String account, String region, String name) {
        return own(account, region, name)
                .map(p -> J.objectNode().put("portfolio_id", p.id()))
                .orElseGet(J::objectNode);
    }

    ObjectNode productIds(String account, String region, String portfolioId) {
        ObjectNode out = J.objectNode();
        productsIn(account, region, portfolioId, null)
                .forEach(v ->
                        out.withArray("product_ids").add(v.productViewSummary().productId()));
        out.withArray("product_ids");
        return out;
    }

    ObjectNode disassociate(String account, String region, String portfolioId, String productId) {
        try {
            products.forget(account + " " + region + " " + portfolioId);
            sc(account, region)
                    .disassociateProductFromPortfolio(
                            r -> r.portfolioId(portfolioId).productId(productId));
            return J.objectNode().put("disassociated", true);
        } catch (RuntimeException e) {
            if (AwsErrors.isNotFound(e)) {
                return J.objectNode().put("disassociated", false);
            }
            throw e;
        }
    }

    ObjectNode delete(String account, String region, String portfolioId) {
        try {
            imported.forget(account + " " + region);
            products.forget(account + " " + region + " " + portfolioId);
            sc(account, region).deletePortfolio(r -> r.id(portfolioId));
            return J.objectNode().put("deleted", true);
        } catch (RuntimeException e) {
            if (AwsErrors.isNotFound(e)) {
                return J.objectNode().put("deleted", false);
            }
            throw e;
        }
    }

    ObjectNode deleteShare(String hubAccount, String account, String region, String portfolio) {
        Optional<PortfolioDetail> p = listImported(account, region).stream() // fresh: a deletion trusts no kept list
                .filter(d -> portfolio.equals(d.displayName()))
                .findFirst();
        if (p.isEmpty()) {
            return J.objectNode().put("deleted", false);
        }
        imported.forget(account + " " + region);
        sc(hubAccount, region)
                .deletePortfolioShare(r -> r.portfolioId(p.get().id()).accountId(account));
        return J.objectNode().put("deleted", true).put("portfolio_id", p.get().id());
    }
}
