package io.jenkins.plugins.scpuppet.standin;

import static io.jenkins.plugins.scpuppet.standin.CatalogState.empty;
import static io.jenkins.plugins.scpuppet.standin.CatalogState.list;
import static io.jenkins.plugins.scpuppet.standin.CatalogState.required;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.standin.ServiceCatalogService.Portfolio;
import io.jenkins.plugins.scpuppet.standin.ServiceCatalogService.Product;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Service Catalog products: search, versions (provisioning artifacts), launch paths, parameters and copies. */
final class CatalogProducts {
    private final CatalogState state;

    CatalogProducts(CatalogState state) {
        this.state = state;
    }

    /** The answer to {@code op}, or null when it is not a product operation. */
    JsonNode handle(Caller c, String op, JsonNode in) {
        return switch (op) {
            case "SearchProductsAsAdmin" -> searchProducts(c, in);
            case "ListProvisioningArtifacts" -> listArtifacts(in);
            case "DescribeProvisioningArtifact" -> describeArtifact(in);
            case "ListLaunchPaths" -> listLaunchPaths(c, in);
            case "DescribeProvisioningParameters" -> provisioningParameters(c, in);
            case "CopyProduct" -> copyProduct(c, in);
            case "DescribeCopyProductStatus" -> copyStatus(in);
            default -> null;
        };
    }

    private JsonNode searchProducts(Caller c, JsonNode in) {
        List<Product> found;
        if (in.hasNonNull("PortfolioId")) {
            Portfolio p = state.visible(c, in.get("PortfolioId").asText());
            found = p.productIds.stream().map(state::product).toList();
        } else {
            found = state.products.values().stream()
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

    private JsonNode listArtifacts(JsonNode in) {
        Product p = state.product(required(in, "ProductId"));
        ObjectNode out = empty();
        ArrayNode list = out.putArray("ProvisioningArtifactDetails");
        p.versions.forEach((id, name) -> list.addObject()
                .put("Id", id)
                .put("Name", name)
                .put("Active", true)
                .put("Type", "CLOUD_FORMATION_TEMPLATE"));
        return out;
    }

    private JsonNode describeArtifact(JsonNode in) {
        Product p = state.product(required(in, "ProductId"));
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

    private JsonNode listLaunchPaths(Caller c, JsonNode in) {
        String productId = required(in, "ProductId");
        state.product(productId);
        ObjectNode out = empty();
        ArrayNode list = out.putArray("LaunchPathSummaries");
        for (Portfolio p : state.launchPaths(c, productId)) {
            list.addObject().put("Id", "lpv2-" + p.id).put("Name", p.name);
        }
        return out;
    }

    private JsonNode provisioningParameters(Caller c, JsonNode in) {
        Product p = state.launchable(c, in);
        ObjectNode out = empty();
        ArrayNode list = out.putArray("ProvisioningArtifactParameters");
        p.parameters.forEach(k -> list.addObject()
                .put("ParameterKey", k)
                .put("ParameterType", "String")
                .put("IsNoEcho", false));
        return out;
    }

    private JsonNode copyProduct(Caller c, JsonNode in) {
        String arn = required(in, "SourceProductArn");
        Product source = state.product(arn.substring(arn.lastIndexOf('/') + 1));
        if (in.hasNonNull("TargetProductId")) {
            // Versions into a product copied before: the listed ones (all when none is listed), as new artifacts.
            Product target = state.product(in.get("TargetProductId").asText());
            Set<String> wanted = new LinkedHashSet<>();
            in.path("SourceProvisioningArtifactIdentifiers")
                    .forEach(m -> wanted.add(m.path("Id").asText()));
            source.versions.forEach((id, name) -> {
                if ((wanted.isEmpty() || wanted.contains(id)) && !target.versions.containsValue(name)) {
                    target.versions.put(state.newId("pa-"), name);
                }
            });
            String token = state.newId("copy-");
            state.copyTokens.put(token, target.id);
            return empty().put("CopyProductToken", token);
        }
        Product copy = new Product(state.newId("prod-"), c.accountId(), source.name);
        copy.versions.putAll(source.versions);
        copy.parameters.addAll(source.parameters);
        copy.outputs.addAll(source.outputs);
        state.products.put(copy.id, copy);
        String token = state.newId("copy-");
        state.copyTokens.put(token, copy.id);
        return empty().put("CopyProductToken", token);
    }

    private JsonNode copyStatus(JsonNode in) {
        String target = state.copyTokens.get(required(in, "CopyProductToken"));
        if (target == null) {
            throw AwsError.notFound("copy token");
        }
        return empty().put("CopyProductStatus", "SUCCEEDED").put("TargetProductId", target);
    }
}
