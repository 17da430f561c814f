package io.jenkins.plugins.scpuppet.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Who does the work behind ProvisionProduct, UpdateProvisionedProduct and TerminateProvisionedProduct. With a
 * launch-role constraint on the launch path (the portfolio and product, in the caller's account and region), Service
 * Catalog creates the product's stack as that role. Without one it does so with the caller's own permissions, so the
 * caller's session must be allowed what the product's template does. The stand-in runs no template: each product has
 * a list of "template actions" per operation, by default those of a VPC template.
 */
final class CallerProvisioning {
    /** What a product's template needs, per Service Catalog operation. */
    record TemplateActions(List<String> provision, List<String> update, List<String> terminate) {}

    /** The default: a template with one VPC (AWS::EC2::VPC), created, updated in place and deleted by CloudFormation. */
    static final TemplateActions VPC = new TemplateActions(
            List.of("cloudformation:CreateStack", "ec2:CreateVpc", "ec2:DescribeVpcs"),
            List.of("cloudformation:UpdateStack", "ec2:ModifyVpcAttribute", "ec2:DescribeVpcs"),
            List.of("cloudformation:DeleteStack", "ec2:DeleteVpc", "ec2:DescribeVpcs"));

    private static final Set<String> OPERATIONS =
            Set.of("ProvisionProduct", "UpdateProvisionedProduct", "TerminateProvisionedProduct");

    private final ServiceCatalogService serviceCatalog;
    private final IamRoles roles;
    private final Map<String, TemplateActions> byProductName = new ConcurrentHashMap<>();
    private final List<StackIam.LaunchConstraint> seeded = new CopyOnWriteArrayList<>();

    CallerProvisioning(ServiceCatalogService serviceCatalog, IamRoles roles) {
        this.serviceCatalog = serviceCatalog;
        this.roles = roles;
    }

    void templateActions(String productName, TemplateActions actions) {
        byProductName.put(productName, actions);
    }

    void launchConstraint(StackIam.LaunchConstraint constraint) {
        seeded.add(constraint);
    }

    /**
     * The actions the caller itself must be allowed for this request: none when the operation does not provision, the
     * product is unknown (Service Catalog answers that), or a launch role does the work.
     */
    List<String> actionsAsCaller(Caller c, String operation, JsonNode in) {
        if (!c.service().equals("servicecatalog") || !OPERATIONS.contains(operation)) {
            return List.of();
        }
        String productId = in.path("ProductId").asText("");
        if (productId.isEmpty()) {
            String ppName = in.path("ProvisionedProductName").asText("");
            String ppId = in.path("ProvisionedProductId").asText("");
            productId = serviceCatalog.provisioned(c.accountId(), c.region()).stream()
                    .filter(pp -> pp.id().equals(ppId) || pp.name().equals(ppName))
                    .map(ServiceCatalogService.ProvisionedProduct::productId)
                    .findFirst()
                    .orElse("");
        }
        String productName;
        try {
            productName = serviceCatalog.productVersions(productId).getKey();
        } catch (AwsError unknownProduct) {
            return List.of();
        }
        if (hasLaunchRole(c, productId, in.path("PathId").asText(""))) {
            return List.of();
        }
        TemplateActions actions = byProductName.getOrDefault(productName, VPC);
        return switch (operation) {
            case "ProvisionProduct" -> actions.provision();
            case "UpdateProvisionedProduct" -> actions.update();
            default -> actions.terminate();
        };
    }

    private boolean hasLaunchRole(Caller c, String productId, String pathId) {
        List<String> portfolios = new ArrayList<>();
        if (pathId.startsWith("lpv2-")) {
            portfolios.add(pathId.substring("lpv2-".length()));
        } else {
            Set<String> accepted = serviceCatalog.acceptedBy(c.accountId(), c.region());
            for (ServiceCatalogService.Portfolio p : serviceCatalog.portfolios()) {
                boolean own = p.owner.equals(c.accountId()) && p.region.equals(c.region());
                if ((own || accepted.contains(p.id)) && p.productIds.contains(productId)) {
                    portfolios.add(p.id);
                }
            }
        }
        List<StackIam.LaunchConstraint> all = new ArrayList<>(seeded);
        roles.stacks().forEach(s -> all.addAll(s.constraints()));
        return all.stream()
                .anyMatch(k -> k.account().equals(c.accountId())
                        && k.region().equals(c.region())
                        && k.productId().equals(productId)
                        && portfolios.contains(k.portfolioId()));
    }
}
