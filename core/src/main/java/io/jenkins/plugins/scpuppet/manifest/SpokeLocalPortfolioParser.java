package io.jenkins.plugins.scpuppet.manifest;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Parses one entry of {@code spoke-local-portfolios}: the portfolio, its targets and launch constraints. */
final class SpokeLocalPortfolioParser {
    static final Set<String> KEYS = Set.of(
            "portfolio",
            "deploy_to",
            "share_with",
            "associations",
            "constraints",
            "product_generation_method",
            "status",
            "depends_on");

    private SpokeLocalPortfolioParser() {}

    static SpokeLocalPortfolio parse(String name, Cursor c) {
        if (c.has("deploy_to") && c.has("share_with")) {
            c.error("give deploy_to or share_with (they are synonyms), not both");
        }
        DeployTo targets = DeployToParser.parse(c, c.has("share_with") ? "share_with" : "deploy_to", true);
        List<SpokeLocalPortfolio.LaunchConstraint> constraints = List.of();
        if (c.has("constraints")) {
            Cursor con = c.child("constraints");
            if (con.onlyKnownKeys(Set.of("launch")) && con.has("launch")) {
                constraints = con.child("launch").asList(SpokeLocalPortfolioParser::launchConstraint);
            }
        }
        return new SpokeLocalPortfolio(
                name,
                c.string("portfolio", true),
                targets,
                c.strings("associations"),
                constraints,
                c.enumValue(
                        "product_generation_method",
                        SpokeLocalPortfolio.GenerationMethod.class,
                        SpokeLocalPortfolio.GenerationMethod.COPY),
                c.enumValue("status", SpokeLocalPortfolio.Status.class, SpokeLocalPortfolio.Status.SHARED),
                DependencyParser.dependsOn(c),
                c.mark());
    }

    private static SpokeLocalPortfolio.LaunchConstraint launchConstraint(Cursor c) {
        if (!c.onlyKnownKeys(Set.of("product", "products", "roles"))) {
            return null;
        }
        String product = c.string("product", false);
        String products = c.string("products", false);
        if ((product == null) == (products == null)) {
            c.error("give exactly one of product (a name) or products (a regular expression)");
        }
        if (products != null) {
            try {
                Pattern.compile(products);
            } catch (PatternSyntaxException e) {
                c.child("products").error("not a valid regular expression: " + e.getDescription());
            }
        }
        List<String> roles = c.strings("roles");
        if (roles.isEmpty()) {
            c.error("missing required key 'roles' (a list of IAM role ARNs)");
        }
        return new SpokeLocalPortfolio.LaunchConstraint(product, products, roles);
    }
}
