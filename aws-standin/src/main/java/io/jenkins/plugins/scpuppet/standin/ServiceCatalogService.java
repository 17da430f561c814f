package io.jenkins.plugins.scpuppet.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Service Catalog, per account and region: portfolios, products and versions, shares and accepts, principal
 * associations and provisioned products. Portfolio and product ids are global, as in AWS, so a spoke sees a shared
 * portfolio under the hub's id. Provisioning requires what AWS requires: the product reachable through a portfolio the
 * caller owns or accepted, with the caller's PuppetRole associated.
 */
public final class ServiceCatalogService implements JsonService {
    private final AtomicLong ids = new AtomicLong(1000);
    private final Map<String, Portfolio> portfolios = new LinkedHashMap<>();
    private final Map<String, Product> products = new LinkedHashMap<>();
    private final Map<String, Map<String, ProvisionedProduct>> provisioned = new LinkedHashMap<>();
    private final Map<String, Set<String>> accepted = new LinkedHashMap<>();
    private final Map<String, Record> records = new LinkedHashMap<>();
    private final Map<String, String> copyTokens = new LinkedHashMap<>();
    private final Map<String, String> owners = new LinkedHashMap<>();

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

    private record Record(String id, String ppId, String type, String status) {}

    /** Where provisioned products' stacks appear (the stand-in's CloudFormation); null keeps them out of sight. */
    private final CloudFormationService stacks;

    public ServiceCatalogService(CloudFormationService stacks) {
        this.stacks = stacks;
    }

    public ServiceCatalogService() {
        this(null);
    }

    /** How many records of a type (PROVISION_PRODUCT, UPDATE_PROVISIONED_PRODUCT, ...) were made, for tests. */
    public synchronized long records(String type) {
        return records.values().stream().filter(r -> r.type().equals(type)).count();
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
                            newId("port-"), account, region, portfolioName, "ccoe", portfolioName + " (seeded)");
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
                    Product created = new Product(newId("prod-"), account, productName);
                    products.put(created.id, created);
                    return created;
                });
        for (String v : versions) {
            if (!product.versions.containsValue(v)) {
                product.versions.put(newId("pa-"), v);
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
        return owners.get(provisionedProductId);
    }

    /** A product's name and its version names, for tests. */
    public synchronized Map.Entry<String, List<String>> productVersions(String productId) {
        Product p = product(productId);
        return Map.entry(p.name, List.copyOf(p.versions.values()));
    }

    public synchronized List<Portfolio> portfolios() {
        return List.copyOf(portfolios.values());
    }

    public synchronized Set<String> acceptedBy(String account, String region) {
        return Set.copyOf(accepted.getOrDefault(account + "/" + region, Set.of()));
    }

    public synchronized List<ProvisionedProduct> provisioned(String account, String region) {
        return List.copyOf(
                provisioned.getOrDefault(account + "/" + region, Map.of()).values());
    }

    // ---- the API -------------------------------------------------------------------------------------------------

    @Override
    public synchronized JsonNode handle(Caller c, String op, JsonNode in) {
        return switch (op) {
            case "ListPortfolios" ->
                list(
                        "PortfolioDetails",
                        ownPortfolios(c).stream().map(this::detail).toList());
            case "ListAcceptedPortfolioShares" ->
                list(
                        "PortfolioDetails",
                        acceptedPortfolios(c).stream().map(this::detail).toList());
            case "CreatePortfolio" -> createPortfolio(c, in);
            case "DeletePortfolio" -> deletePortfolio(c, in);
            case "ListPortfolioAccess" -> listPortfolioAccess(c, in);
            case "CreatePortfolioShare" -> createShare(c, in);
            case "DeletePortfolioShare" -> deleteShare(c, in);
            case "AcceptPortfolioShare" -> acceptShare(c, in);
            case "ListPrincipalsForPortfolio" -> listPrincipals(c, in);
            case "AssociatePrincipalWithPortfolio" -> associatePrincipal(c, in);
            case "SearchProductsAsAdmin" -> searchProducts(c, in);
            case "ListProvisioningArtifacts" -> listArtifacts(c, in);
            case "DescribeProvisioningArtifact" -> describeArtifact(c, in);
            case "ListLaunchPaths" -> listLaunchPaths(c, in);
            case "DescribeProvisioningParameters" -> provisioningParameters(c, in);
            case "SearchProvisionedProducts", "ScanProvisionedProducts" -> searchProvisioned(c, in);
            case "UpdateProvisionedProductProperties" -> updateProperties(c, in);
            case "ProvisionProduct" -> provision(c, in);
            case "UpdateProvisionedProduct" -> update(c, in);
            case "TerminateProvisionedProduct" -> terminate(c, in);
            case "DescribeRecord" -> describeRecord(c, in);
            case "GetProvisionedProductOutputs" -> outputs(c, in);
            case "CopyProduct" -> copyProduct(c, in);
            case "DescribeCopyProductStatus" -> copyStatus(in);
            case "AssociateProductWithPortfolio" -> associateProduct(c, in);
            case "DisassociateProductFromPortfolio" -> disassociateProduct(c, in);
            default ->
                throw new AwsError(
                        "UnknownOperationException", "Service Catalog " + op + " is not implemented by the stand-in");
        };
    }

    private String newId(String prefix) {
        return prefix + Long.toString(ids.incrementAndGet(), 36) + "abcdef";
    }

    private List<Portfolio> ownPortfolios(Caller c) {
        return portfolios.values().stream()
                .filter(p -> p.owner.equals(c.accountId()) && p.region.equals(c.region()))
                .toList();
    }

    private List<Portfolio> acceptedPortfolios(Caller c) {
        Set<String> ids = accepted.getOrDefault(c.accountId() + "/" + c.region(), Set.of());
        return ids.stream().map(portfolios::get).filter(p -> p != null).toList();
    }

    private Portfolio portfolio(String id) {
        Portfolio p = portfolios.get(id);
        if (p == null) {
            throw new AwsError("ResourceNotFoundException", "Portfolio " + id + " not found");
        }
        return p;
    }

    /** A portfolio the caller owns or has accepted in this region. */
    private Portfolio visible(Caller c, String id) {
        Portfolio p = portfolio(id);
        boolean own = p.owner.equals(c.accountId()) && p.region.equals(c.region());
        if (!own && !acceptedPortfolios(c).contains(p)) {
            throw new AwsError("ResourceNotFoundException", "Portfolio " + id + " not found");
        }
        return p;
    }

    private Portfolio owned(Caller c, String id) {
        Portfolio p = portfolio(id);
        if (!p.owner.equals(c.accountId()) || !p.region.equals(c.region())) {
            throw new AwsError("ResourceNotFoundException", "Portfolio " + id + " not found");
        }
        return p;
    }

    private ObjectNode detail(Portfolio p) {
        return AwsStandIn.JSON
                .createObjectNode()
                .put("Id", p.id)
                .put("ARN", "arn:aws:catalog:" + p.region + ":" + p.owner + ":portfolio/" + p.id)
                .put("DisplayName", p.name)
                .put("Description", p.description)
                .put("ProviderName", p.provider)
                .put("CreatedTime", 1.7e9);
    }

    private static ObjectNode list(String field, List<? extends JsonNode> items) {
        ObjectNode out = AwsStandIn.JSON.createObjectNode();
        out.putArray(field).addAll(items);
        return out;
    }

    private static ObjectNode empty() {
        return AwsStandIn.JSON.createObjectNode();
    }

    private static String required(JsonNode in, String field) {
        JsonNode v = in.get(field);
        if (v == null || v.asText().isEmpty()) {
            throw new AwsError("InvalidParametersException", field + " is required");
        }
        return v.asText();
    }

    private JsonNode createPortfolio(Caller c, JsonNode in) {
        String name = required(in, "DisplayName");
        Portfolio p = new Portfolio(
                newId("port-"),
                c.accountId(),
                c.region(),
                name,
                required(in, "ProviderName"),
                in.path("Description").asText(""));
        portfolios.put(p.id, p);
        ObjectNode out = empty();
        out.set("PortfolioDetail", detail(p));
        return out;
    }

    private JsonNode deletePortfolio(Caller c, JsonNode in) {
        Portfolio p = owned(c, required(in, "Id"));
        if (!p.productIds.isEmpty()) {
            throw new AwsError("ResourceInUseException", "Portfolio " + p.id + " still has products");
        }
        portfolios.remove(p.id);
        return empty();
    }

    private JsonNode listPortfolioAccess(Caller c, JsonNode in) {
        Portfolio p = owned(c, required(in, "PortfolioId"));
        ObjectNode out = empty();
        ArrayNode ids = out.putArray("AccountIds");
        p.sharedWith.forEach(ids::add);
        return out;
    }

    private JsonNode createShare(Caller c, JsonNode in) {
        Portfolio p = owned(c, required(in, "PortfolioId"));
        String account = required(in, "AccountId");
        if (!account.matches("\\d{12}")) {
            throw new AwsError("InvalidParametersException", "AccountId " + account + " is not valid");
        }
        p.sharedWith.add(account);
        return empty();
    }

    private JsonNode deleteShare(Caller c, JsonNode in) {
        Portfolio p = owned(c, required(in, "PortfolioId"));
        String account = required(in, "AccountId");
        p.sharedWith.remove(account);
        accepted.getOrDefault(account + "/" + p.region, new LinkedHashSet<>()).remove(p.id);
        return empty();
    }

    private JsonNode acceptShare(Caller c, JsonNode in) {
        Portfolio p = portfolio(required(in, "PortfolioId"));
        if (!p.sharedWith.contains(c.accountId()) || !p.region.equals(c.region())) {
            throw new AwsError("ResourceNotFoundException", "no share of " + p.id + " for " + c.accountId());
        }
        accepted.computeIfAbsent(c.accountId() + "/" + c.region(), k -> new LinkedHashSet<>())
                .add(p.id);
        return empty();
    }

    private JsonNode listPrincipals(Caller c, JsonNode in) {
        Portfolio p = visible(c, required(in, "PortfolioId"));
        ObjectNode out = empty();
        ArrayNode list = out.putArray("Principals");
        p.principals.stream()
                .filter(arn -> arn.contains(":" + c.accountId() + ":"))
                .forEach(arn -> list.addObject().put("PrincipalARN", arn).put("PrincipalType", "IAM"));
        return out;
    }

    private JsonNode associatePrincipal(Caller c, JsonNode in) {
        Portfolio p = visible(c, required(in, "PortfolioId"));
        p.principals.add(required(in, "PrincipalARN"));
        return empty();
    }

    private Product product(String id) {
        Product p = products.get(id);
        if (p == null) {
            throw new AwsError("ResourceNotFoundException", "Product " + id + " not found");
        }
        return p;
    }

    private JsonNode searchProducts(Caller c, JsonNode in) {
        List<Product> found;
        if (in.hasNonNull("PortfolioId")) {
            Portfolio p = visible(c, in.get("PortfolioId").asText());
            found = p.productIds.stream().map(this::product).toList();
        } else {
            found = products.values().stream()
                    .filter(p -> p.owner.equals(c.accountId()))
                    .toList();
        }
        JsonNode text = in.path("Filters").path("FullTextSearch");
        if (text.isArray() && !text.isEmpty()) {
            String wanted = text.get(0).asText();
            found = found.stream().filter(p -> p.name.equals(wanted)).toList();
        }
        return list("ProductViewDetails", found.stream().map(this::productView).toList());
    }

    private ObjectNode productView(Product p) {
        ObjectNode view = empty();
        view.putObject("ProductViewSummary")
                .put("Id", "prodview-" + p.id)
                .put("ProductId", p.id)
                .put("Name", p.name)
                .put("Owner", p.owner);
        view.put("ProductARN", "arn:aws:catalog:eu-west-1:" + p.owner + ":product/" + p.id)
                .put("Status", "CREATED");
        return view;
    }

    private JsonNode listArtifacts(Caller c, JsonNode in) {
        Product p = product(required(in, "ProductId"));
        ObjectNode out = empty();
        ArrayNode list = out.putArray("ProvisioningArtifactDetails");
        p.versions.forEach((id, name) -> list.addObject()
                .put("Id", id)
                .put("Name", name)
                .put("Active", true)
                .put("Type", "CLOUD_FORMATION_TEMPLATE"));
        return out;
    }

    private JsonNode describeArtifact(Caller c, JsonNode in) {
        Product p = product(required(in, "ProductId"));
        String id = in.path("ProvisioningArtifactId").asText("");
        String name = in.path("ProvisioningArtifactName").asText("");
        for (Map.Entry<String, String> v : p.versions.entrySet()) {
            if (v.getKey().equals(id) || v.getValue().equals(name)) {
                ObjectNode out = empty();
                out.putObject("ProvisioningArtifactDetail")
                        .put("Id", v.getKey())
                        .put("Name", v.getValue())
                        .put("Active", true);
                out.put("Status", "AVAILABLE");
                return out;
            }
        }
        throw new AwsError("ResourceNotFoundException", "provisioning artifact " + id + name + " not found");
    }

    /** Launch paths exist only through a portfolio the caller can use and whose principals include its PuppetRole. */
    private List<Portfolio> launchPaths(Caller c, String productId) {
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

    private JsonNode listLaunchPaths(Caller c, JsonNode in) {
        String productId = required(in, "ProductId");
        product(productId);
        ObjectNode out = empty();
        ArrayNode list = out.putArray("LaunchPathSummaries");
        for (Portfolio p : launchPaths(c, productId)) {
            list.addObject().put("Id", "lpv2-" + p.id).put("Name", p.name);
        }
        return out;
    }

    private Product launchable(Caller c, JsonNode in) {
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

    private JsonNode provisioningParameters(Caller c, JsonNode in) {
        Product p = launchable(c, in);
        ObjectNode out = empty();
        ArrayNode list = out.putArray("ProvisioningArtifactParameters");
        p.parameters.forEach(k -> list.addObject()
                .put("ParameterKey", k)
                .put("ParameterType", "String")
                .put("IsNoEcho", false));
        return out;
    }

    private Map<String, ProvisionedProduct> pps(Caller c) {
        return provisioned.computeIfAbsent(c.accountId() + "/" + c.region(), k -> new LinkedHashMap<>());
    }

    private JsonNode searchProvisioned(Caller c, JsonNode in) {
        String query = in.path("Filters").path("SearchQuery").path(0).asText("");
        String wanted = query.startsWith("name:") ? query.substring(5) : null;
        ObjectNode out = empty();
        ArrayNode list = out.putArray("ProvisionedProducts");
        for (ProvisionedProduct pp : pps(c).values()) {
            if (wanted == null || pp.name().equals(wanted)) {
                list.addObject()
                        .put("Name", pp.name())
                        .put("Id", pp.id())
                        .put("Status", pp.status())
                        .put("ProductId", pp.productId())
                        .put("ProvisioningArtifactId", pp.artifactId())
                        .put("LastRecordId", pp.lastRecordId())
                        .put("Type", "CFN_STACK");
            }
        }
        out.put("TotalResultsCount", list.size());
        return out;
    }

    private Map<String, String> parameters(Product p, JsonNode in) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode kv : in.path("ProvisioningParameters")) {
            String key = kv.path("Key").asText();
            if (!p.parameters.contains(key)) {
                throw new AwsError(
                        "InvalidParametersException",
                        "Parameter " + key + " is not in the template of " + p.name + "; expected " + p.parameters);
            }
            values.put(key, kv.path("Value").asText());
        }
        return values;
    }

    private JsonNode updateProperties(Caller c, JsonNode in) {
        ProvisionedProduct pp = find(c, "", required(in, "ProvisionedProductId"));
        String owner = in.path("ProvisionedProductProperties").path("OWNER").asText("");
        if (!owner.startsWith("arn:aws:iam::")) {
            throw new AwsError("InvalidParametersException", "OWNER must be an IAM ARN, got '" + owner + "'");
        }
        owners.put(pp.id(), owner);
        ObjectNode out = empty().put("ProvisionedProductId", pp.id())
                .put("Status", "SUCCEEDED")
                .put("RecordId", newId("rec-"));
        out.putObject("ProvisionedProductProperties").put("OWNER", owner);
        return out;
    }

    private JsonNode provision(Caller c, JsonNode in) {
        Product p = launchable(c, in);
        String name = required(in, "ProvisionedProductName");
        if (pps(c).values().stream().anyMatch(x -> x.name().equals(name))) {
            throw new AwsError("DuplicateResourceException", "provisioned product " + name + " already exists");
        }
        String id = newId("pp-");
        return record(
                c,
                new ProvisionedProduct(
                        id,
                        name,
                        p.id,
                        in.get("ProvisioningArtifactId").asText(),
                        "AVAILABLE",
                        parameters(p, in),
                        outputsFor(p, id),
                        null),
                "PROVISION_PRODUCT");
    }

    private JsonNode update(Caller c, JsonNode in) {
        ProvisionedProduct pp = find(
                c,
                in.path("ProvisionedProductName").asText(""),
                in.path("ProvisionedProductId").asText(""));
        Product p = launchable(c, in);
        return record(
                c,
                new ProvisionedProduct(
                        pp.id(),
                        pp.name(),
                        p.id,
                        in.get("ProvisioningArtifactId").asText(),
                        "AVAILABLE",
                        parameters(p, in),
                        outputsFor(p, pp.id()),
                        null),
                "UPDATE_PROVISIONED_PRODUCT");
    }

    private JsonNode terminate(Caller c, JsonNode in) {
        ProvisionedProduct pp = find(
                c,
                in.path("ProvisionedProductName").asText(""),
                in.path("ProvisionedProductId").asText(""));
        pps(c).remove(pp.id());
        if (stacks != null) {
            stacks.provisionedStack(c.accountId(), c.region(), pp.id(), null, null);
        }
        Record r = new Record(newId("rec-"), pp.id(), "TERMINATE_PROVISIONED_PRODUCT", "SUCCEEDED");
        records.put(r.id(), r);
        return recordDetail(r, pp);
    }

    private ProvisionedProduct find(Caller c, String name, String id) {
        return pps(c).values().stream()
                .filter(x -> x.name().equals(name) || x.id().equals(id))
                .findFirst()
                .orElseThrow(() ->
                        new AwsError("ResourceNotFoundException", "provisioned product " + name + id + " not found"));
    }

    private static Map<String, String> outputsFor(Product p, String ppId) {
        Map<String, String> outputs = new LinkedHashMap<>();
        p.outputs.forEach(k -> outputs.put(k, k.toLowerCase(java.util.Locale.ROOT) + "-" + ppId));
        return outputs;
    }

    private JsonNode record(Caller c, ProvisionedProduct pp, String type) {
        Record r = new Record(newId("rec-"), pp.id(), type, "SUCCEEDED");
        records.put(r.id(), r);
        ProvisionedProduct stored = new ProvisionedProduct(
                pp.id(),
                pp.name(),
                pp.productId(),
                pp.artifactId(),
                pp.status(),
                pp.parameters(),
                pp.outputs(),
                r.id());
        pps(c).put(pp.id(), stored);
        if (stacks != null) {
            stacks.provisionedStack(c.accountId(), c.region(), pp.id(), pp.parameters(), pp.outputs());
        }
        return recordDetail(r, stored);
    }

    private static ObjectNode recordDetail(Record r, ProvisionedProduct pp) {
        ObjectNode out = empty();
        out.putObject("RecordDetail")
                .put("RecordId", r.id())
                .put("Status", r.status())
                .put("ProvisionedProductId", pp.id())
                .put("ProvisionedProductName", pp.name())
                .put("RecordType", r.type());
        return out;
    }

    private JsonNode describeRecord(Caller c, JsonNode in) {
        Record r = records.get(required(in, "Id"));
        if (r == null) {
            throw AwsError.notFound("Record " + in.get("Id").asText());
        }
        ProvisionedProduct pp = pps(c).get(r.ppId());
        ObjectNode out = empty();
        out.putObject("RecordDetail")
                .put("RecordId", r.id())
                .put("Status", r.status())
                .put("ProvisionedProductId", r.ppId())
                .put("RecordType", r.type());
        ArrayNode outputs = out.putArray("RecordOutputs");
        if (pp != null) {
            pp.outputs()
                    .forEach((k, v) -> outputs.addObject().put("OutputKey", k).put("OutputValue", v));
        }
        return out;
    }

    private JsonNode outputs(Caller c, JsonNode in) {
        ProvisionedProduct pp = find(
                c,
                in.path("ProvisionedProductName").asText(""),
                in.path("ProvisionedProductId").asText(""));
        ObjectNode out = empty();
        ArrayNode list = out.putArray("Outputs");
        pp.outputs().forEach((k, v) -> list.addObject().put("OutputKey", k).put("OutputValue", v));
        return out;
    }

    private JsonNode copyProduct(Caller c, JsonNode in) {
        String arn = required(in, "SourceProductArn");
        Product source = product(arn.substring(arn.lastIndexOf('/') + 1));
        if (in.hasNonNull("TargetProductId")) {
            // Versions into a product copied before: the listed ones (all when none is listed), as new artifacts.
            Product target = product(in.get("TargetProductId").asText());
            Set<String> wanted = new LinkedHashSet<>();
            in.path("SourceProvisioningArtifactIdentifiers")
                    .forEach(m -> wanted.add(m.path("Id").asText()));
            source.versions.forEach((id, name) -> {
                if ((wanted.isEmpty() || wanted.contains(id)) && !target.versions.containsValue(name)) {
                    target.versions.put(newId("pa-"), name);
                }
            });
            String token = newId("copy-");
            copyTokens.put(token, target.id);
            return empty().put("CopyProductToken", token);
        }
        Product copy = new Product(newId("prod-"), c.accountId(), source.name);
        copy.versions.putAll(source.versions);
        copy.parameters.addAll(source.parameters);
        copy.outputs.addAll(source.outputs);
        products.put(copy.id, copy);
        String token = newId("copy-");
        copyTokens.put(token, copy.id);
        return empty().put("CopyProductToken", token);
    }

    private JsonNode copyStatus(JsonNode in) {
        String target = copyTokens.get(required(in, "CopyProductToken"));
        if (target == null) {
            throw AwsError.notFound("copy token");
        }
        return empty().put("CopyProductStatus", "SUCCEEDED").put("TargetProductId", target);
    }

    private JsonNode associateProduct(Caller c, JsonNode in) {
        Portfolio p = owned(c, required(in, "PortfolioId"));
        Product product = product(required(in, "ProductId"));
        boolean reachable = product.owner.equals(c.accountId())
                || acceptedPortfolios(c).stream().anyMatch(x -> x.productIds.contains(product.id));
        if (!reachable) {
            throw new AwsError("ResourceNotFoundException", "Product " + product.id + " not found");
        }
        p.productIds.add(product.id);
        return empty();
    }

    private JsonNode disassociateProduct(Caller c, JsonNode in) {
        Portfolio p = owned(c, required(in, "PortfolioId"));
        if (!p.productIds.remove(required(in, "ProductId"))) {
            throw new AwsError("ResourceNotFoundException", "Product not in portfolio " + p.id);
        }
        return empty();
    }
}
