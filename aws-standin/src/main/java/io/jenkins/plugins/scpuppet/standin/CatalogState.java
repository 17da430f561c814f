package io.jenkins.plugins.scpuppet.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.standin.ServiceCatalogService.Portfolio;
import io.jenkins.plugins.scpuppet.standin.ServiceCatalogService.Product;
import io.jenkins.plugins.scpuppet.standin.ServiceCatalogService.ProvisionedProduct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * What Service Catalog keeps, shared by its portfolio, product and provisioning pieces, with the lookups that answer
 * ResourceNotFoundException as AWS does. Guarded by the {@link ServiceCatalogService}'s monitor.
 */
final class CatalogState {
    private final AtomicLong ids = new AtomicLong(1000);
    final Map<String, Portfolio> portfolios = new LinkedHashMap<>();
    final Map<String, Product> products = new LinkedHashMap<>();
    final Map<String, Map<String, ProvisionedProduct>> provisioned = new LinkedHashMap<>();
    final Map<String, Set<String>> accepted = new LinkedHashMap<>();
    final Map<String, String> copyTokens = new LinkedHashMap<>();
    final Map<String, String> owners = new LinkedHashMap<>();
    /** Who launched each provisioned product: the caller's identity ARN (an assumed-role ARN for a role session). */
    final Map<String, String> launchedBy = new LinkedHashMap<>();
    /** The ARN STS's GetCallerIdentity would give a caller (the IAM part knows the sessions). */
    Function<Caller, String> identity = c -> "arn:aws:iam::" + c.accountId() + ":root";

    LatencyModel model = LatencyModel.OFF;

    String newId(String prefix) {
        return prefix + Long.toString(ids.incrementAndGet(), 36) + "abcdef";
    }

    List<Portfolio> ownPortfolios(Caller c) {
        return portfolios.values().stream()
                .filter(p -> p.owner.equals(c.accountId()) && p.region.equals(c.region()))
                .toList();
    }

    List<Portfolio> acceptedPortfolios(Caller c) {
        Set<String> accepted = this.accepted.getOrDefault(c.accountId() + "/" + c.region(), Set.of());
        return accepted.stream().map(portfolios::get).filter(p -> p != null).toList();
    }

    Portfolio portfolio(String id) {
        Portfolio p = portfolios.get(id);
        if (p == null) {
            throw new AwsError("ResourceNotFoundException", "Portfolio " + id + " not found");
        }
        return p;
    }

    /** A portfolio the caller owns or has accepted in this region. */
    Portfolio visible(Caller c, String id) {
        Portfolio p = portfolio(id);
        boolean own = p.owner.equals(c.accountId()) && p.region.equals(c.region());
        if (!own && !acceptedPortfolios(c).contains(p)) {
            throw new AwsError("ResourceNotFoundException", "Portfolio " + id + " not found");
        }
        return p;
    }

    Portfolio owned(Caller c, String id) {
        Portfolio p = portfolio(id);
        if (!p.owner.equals(c.accountId()) || !p.region.equals(c.region())) {
            throw new AwsError("ResourceNotFoundException", "Portfolio " + id + " not found");
        }
        return p;
    }

    Product product(String id) {
        Product p = products.get(id);
        if (p == null) {
            throw new AwsError("ResourceNotFoundException", "Product " + id + " not found");
        }
        return p;
    }

    /** Launch paths exist only through a portfolio the caller can use and whose principals include its PuppetRole. */
    List<Portfolio> launchPaths(Caller c, String productId) {
        List<Portfolio> paths = new ArrayList<>();
        List<Portfolio> candidates = new ArrayList<>(ownPortfolios(c));
        candidates.addAll(acceptedPortfolios(c));
        for (Portfolio p : candidates) {
            if (p.productIds.contains(productId) && p.principals.contains(c.puppetRoleArn())) {
                paths.add(p);
            }
        }
        return paths;
    }

    /** The product and version of a ProvisionProduct or UpdateProvisionedProduct the caller may launch. */
    Product launchable(Caller c, JsonNode in) {
        Product p = product(required(in, "ProductId"));
        String artifact = required(in, "ProvisioningArtifactId");
        if (!p.versions.containsKey(artifact)) {
            throw new AwsError("ResourceNotFoundException", "provisioning artifact " + artifact + " not found");
        }
        if (launchPaths(c, p.id).isEmpty()) {
            throw new AwsError(
                    "ResourceNotFoundException",
                    "no launch path for product " + p.id + " in " + c.accountId() + " " + c.region());
        }
        return p;
    }

    Map<String, ProvisionedProduct> pps(Caller c) {
        return provisioned.computeIfAbsent(c.accountId() + "/" + c.region(), k -> new LinkedHashMap<>());
    }

    static ObjectNode list(String field, List<? extends JsonNode> items) {
        ObjectNode out = AwsStandIn.JSON.createObjectNode();
        out.putArray(field).addAll(items);
        return out;
    }

    static ObjectNode empty() {
        return AwsStandIn.JSON.createObjectNode();
    }

    static String required(JsonNode in, String field) {
        JsonNode v = in.get(field);
        if (v == null || v.asText().isEmpty()) {
            throw new AwsError("InvalidParametersException", field + " is required");
        }
        return v.asText();
    }
}
