package io.jenkins.plugins.scpuppet.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Service Catalog, per account and region: portfolios, products and versions, shares and accepts, principal
 * associations and provisioned products. Portfolio and product ids are global, as in AWS, so a spoke sees a shared
 * portfolio under the hub's id. Provisioning requires what AWS requires: the product reachable through a portfolio the
 * caller owns or accepted, with the caller's PuppetRole associated.
 */
public final class ServiceCatalogService implements JsonService {
    private final CatalogState state = new CatalogState();
    private final Map<String, Portfolio> portfolios = state.portfolios;
    private final Map<String, Product> products = state.products;
    private final CatalogPortfolios portfolioOps = new CatalogPortfolios(state);
    private final CatalogProducts productOps = new CatalogProducts(state);
    private final CatalogProvisioning provisioningOps;

    /** A portfolio, owned by one account and region. */
    public static final class Portfolio {
        public final String id;
        public final String owner;
        public final String region;
        public final String name;
        public final String provider;
        public final String description;
        public final Set<String> productIds = new LinkedHashSet<>();
        public final Set<String> principals = new LinkedHashSet<>();
        public final Set<String> sharedWith = new LinkedHashSet<>();

        Portfolio(String id, String owner, String region, String name, String provider, String description) {
            this.id = id;
            this.owner = owner;
            this.region = region;
            this.name = name;
            this.provider = provider;
            this.description = description;
        }
    }

    /** A product with its versions (provisioning artifacts), parameters and the stack outputs it produces. */
    public static final class Product {
        public final String id;
        public final String owner;
        public final String name;
        public final Map<String, String> versions = new LinkedHashMap<>(); // artifact id -> name
        public final List<String> parameters = new ArrayList<>();
        public final List<String> outputs = new ArrayList<>();

        Product(String id, String owner, String name) {
            this.id = id;
            this.owner = owner;
            this.name = name;
        }
    }

    /** A provisioned product in an account and region. */
    public record ProvisionedProduct(
            String id,
            String name,
            String productId,
            String artifactId,
            String status,
            Map<String, String> parameters,
            Map<String, String> outputs,
            String lastRecordId) {}

    /** Provisioned products' stacks appear in {@code stacks} (the stand-in's CloudFormation); null hides them. */
    public ServiceCatalogService(CloudFormationService stacks) {
        this.provisioningOps = new CatalogProvisioning(state, stacks);
    }

    public ServiceCatalogService() {
        this(null);
    }

    /** How callers are named in UserArn and UserArnSession (the IAM part knows the role sessions). */
    synchronized void identities(Function<Caller, String> value) {
        state.identity = value;
    }

    /** Records stay IN_PROGRESS for the model's provisioning time (read off its clock). */
    public synchronized void latencyModel(LatencyModel model) {
        state.model = model;
    }

    /** How many records of a type (PROVISION_PRODUCT, UPDATE_PROVISIONED_PRODUCT, ...) were made, for tests. */
    public synchronized long records(String type) {
        return provisioningOps.records(type);
    }

    @Override
    public String targetPrefix() {
        return "AWS242ServiceCatalogService";
    }

    // ---- seeding and inspection (for tests and the sandbox) -----------------------------------------------------

    /** Creates an empty portfolio in the hub if it does not exist; returns its id. */
    public synchronized String seedPortfolio(String account, String region, String portfolioName) {
        return portfolios.values().stream()
                .filter(x -> x.owner.equals(account) && x.region.equals(region) && x.name.equals(portfolioName))
                .findFirst()
                .orElseGet(() -> {
                    Portfolio created = new Portfolio(
                            state.newId("port-"), account, region, portfolioName, "ccoe", portfolioName + " (seeded)");
                    portfolios.put(created.id, created);
                    return created;
                })
                .id;
    }

    /** Creates a portfolio with a product and versions in the hub, as an admin would before running puppet. */
    public synchronized String seedProduct(
            String account,
            String region,
            String portfolioName,
            String productName,
            List<String> versions,
            List<String> parameters,
            List<String> outputs) {
        Portfolio p = portfolios.get(seedPortfolio(account, region, portfolioName));
        Product product = products.values().stream()
                .filter(x -> x.owner.equals(account) && x.name.equals(productName) && p.productIds.contains(x.id))
                .findFirst()
                .orElseGet(() -> {
                    Product created = new Product(state.newId("prod-"), account, productName);
                    products.put(created.id, created);
                    return created;
                });
        for (String v : versions) {
            if (!product.versions.containsValue(v)) {
                product.versions.put(state.newId("pa-"), v);
            }
        }
        product.parameters.clear();
        product.parameters.addAll(parameters);
        product.outputs.clear();
        product.outputs.addAll(outputs);
        p.productIds.add(product.id);
        return p.id;
    }

    /** The OWNER property set on a provisioned product, or null. */
    public synchronized String ownerOf(String provisionedProductId) {
        return state.owners.get(provisionedProductId);
    }

    /** A product's name and its version names, for tests. */
    public synchronized Map.Entry<String, List<String>> productVersions(String productId) {
        Product p = state.product(productId);
        return Map.entry(p.name, List.copyOf(p.versions.values()));
    }

    public synchronized List<Portfolio> portfolios() {
        return List.copyOf(portfolios.values());
    }

    public synchronized Set<String> acceptedBy(String account, String region) {
        return Set.copyOf(state.accepted.getOrDefault(account + "/" + region, Set.of()));
    }

    public synchronized List<ProvisionedProduct> provisioned(String account, String region) {
        return List.copyOf(
                state.provisioned.getOrDefault(account + "/" + region, Map.of()).values());
    }

    // ---- the API: a thin dispatcher over the portfolio, product and provisioning pieces -----------------------

    @Override
    public synchronized JsonNode handle(Caller c, String op, JsonNode in) {
        JsonNode out = portfolioOps.handle(c, op, in);
        if (out == null) {
            out = productOps.handle(c, op, in);
        }
        if (out == null) {
            out = provisioningOps.handle(c, op, in);
        }
        if (out == null) {
            throw new AwsError(
                    "UnknownOperationException", "Service Catalog " + op + " is not implemented by the stand-in");
        }
        return out;
    }
}
