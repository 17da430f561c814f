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

/** Service Catalog portfolios: create and delete, shares and accepts, principals, and the products in them. */
final class CatalogPortfolios {
    private final CatalogState state;

    CatalogPortfolios(CatalogState state) {
        this.state = state;
    }

    /** The answer to {@code op}, or null when it is not a portfolio operation. */
    JsonNode handle(Caller c, String op, JsonNode in) {
        return switch (op) {
            case "ListPortfolios" ->
                list(
                        "PortfolioDetails",
                        state.ownPortfolios(c).stream().map(this::detail).toList());
            case "ListAcceptedPortfolioShares" ->
                list(
                        "PortfolioDetails",
                        state.acceptedPortfolios(c).stream().map(this::detail).toList());
            case "CreatePortfolio" -> createPortfolio(c, in);
            case "DeletePortfolio" -> deletePortfolio(c, in);
            case "ListPortfolioAccess" -> listPortfolioAccess(c, in);
            case "CreatePortfolioShare" -> createShare(c, in);
            case "DeletePortfolioShare" -> deleteShare(c, in);
            case "AcceptPortfolioShare" -> acceptShare(c, in);
            case "ListPrincipalsForPortfolio" -> listPrincipals(c, in);
            case "AssociatePrincipalWithPortfolio" -> associatePrincipal(c, in);
            case "AssociateProductWithPortfolio" -> associateProduct(c, in);
            case "DisassociateProductFromPortfolio" -> disassociateProduct(c, in);
            default -> null;
        };
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

    private JsonNode createPortfolio(Caller c, JsonNode in) {
        String name = required(in, "DisplayName");
        Portfolio p = new Portfolio(
                state.newId("port-"),
                c.accountId(),
                c.region(),
                name,
                required(in, "ProviderName"),
                in.path("Description").asText(""));
        state.portfolios.put(p.id, p);
        ObjectNode out = empty();
        out.set("PortfolioDetail", detail(p));
        return out;
    }

    private JsonNode deletePortfolio(Caller c, JsonNode in) {
        Portfolio p = state.owned(c, required(in, "Id"));
        if (!p.productIds.isEmpty()) {
            throw new AwsError("ResourceInUseException", "Portfolio " + p.id + " still has products");
        }
        state.portfolios.remove(p.id);
        return empty();
    }

    /** Accounts per page when the caller gives no PageSize (AWS does not document its own default). */
    static final int DEFAULT_PAGE_SIZE = 20;

    /** Paged as AWS pages it: PageSize from 0 to 100 (0: the default), PageToken from the previous NextPageToken. */
    private JsonNode listPortfolioAccess(Caller c, JsonNode in) {
        Portfolio p = state.owned(c, required(in, "PortfolioId"));
        int size = in.path("PageSize").asInt(0);
        if (size < 0 || size > 100) {
            throw new AwsError("InvalidParametersException", "PageSize must be from 0 to 100, got " + size);
        }
        size = size == 0 ? DEFAULT_PAGE_SIZE : size;
        String token = in.path("PageToken").asText("");
        int from = 0;
        if (!token.isEmpty()) {
            if (!token.matches("access-\\d{1,9}")) {
                throw new AwsError("InvalidParametersException", "PageToken " + token + " is not valid");
            }
            from = Integer.parseInt(token.substring("access-".length()));
        }
        List<String> all = List.copyOf(p.sharedWith);
        ObjectNode out = empty();
        ArrayNode ids = out.putArray("AccountIds");
        all.subList(Math.min(from, all.size()), Math.min(from + size, all.size()))
                .forEach(ids::add);
        if (from + size < all.size()) {
            out.put("NextPageToken", "access-" + (from + size));
        }
        return out;
    }

    private JsonNode createShare(Caller c, JsonNode in) {
        Portfolio p = state.owned(c, required(in, "PortfolioId"));
        String account = required(in, "AccountId");
        if (!account.matches("\\d{12}")) {
            throw new AwsError("InvalidParametersException", "AccountId " + account + " is not valid");
        }
        p.sharedWith.add(account);
        return empty();
    }

    private JsonNode deleteShare(Caller c, JsonNode in) {
        Portfolio p = state.owned(c, required(in, "PortfolioId"));
        String account = required(in, "AccountId");
        p.sharedWith.remove(account);
        state.accepted
                .getOrDefault(account + "/" + p.region, new LinkedHashSet<>())
                .remove(p.id);
        return empty();
    }

    private JsonNode acceptShare(Caller c, JsonNode in) {
        Portfolio p = state.portfolio(required(in, "PortfolioId"));
        if (!p.sharedWith.contains(c.accountId()) || !p.region.equals(c.region())) {
            throw new AwsError("ResourceNotFoundException", "no share of " + p.id + " for " + c.accountId());
        }
        state.accepted
                .computeIfAbsent(c.accountId() + "/" + c.region(), k -> new LinkedHashSet<>())
                .add(p.id);
        return empty();
    }

    private JsonNode listPrincipals(Caller c, JsonNode in) {
        Portfolio p = state.visible(c, required(in, "PortfolioId"));
        ObjectNode out = empty();
        ArrayNode list = out.putArray("Principals");
        p.principals.stream()
                .filter(arn -> arn.contains(":" + c.accountId() + ":"))
                .forEach(arn -> list.addObject().put("PrincipalARN", arn).put("PrincipalType", "IAM"));
        return out;
    }

    private JsonNode associatePrincipal(Caller c, JsonNode in) {
        Portfolio p = state.visible(c, required(in, "PortfolioId"));
        p.principals.add(required(in, "PrincipalARN"));
        return empty();
    }

    private JsonNode associateProduct(Caller c, JsonNode in) {
        Portfolio p = state.owned(c, required(in, "PortfolioId"));
        Product product = state.product(required(in, "ProductId"));
        boolean reachable = product.owner.equals(c.accountId())
                || state.acceptedPortfolios(c).stream().anyMatch(x -> x.productIds.contains(product.id));
        if (!reachable) {
            throw new AwsError("ResourceNotFoundException", "Product " + product.id + " not found");
        }
        p.productIds.add(product.id);
        return empty();
    }

    private JsonNode disassociateProduct(Caller c, JsonNode in) {
        Portfolio p = state.owned(c, required(in, "PortfolioId"));
        if (!p.productIds.remove(required(in, "ProductId"))) {
            throw new AwsError("ResourceNotFoundException", "Product not in portfolio " + p.id);
        }
        return empty();
    }
}
