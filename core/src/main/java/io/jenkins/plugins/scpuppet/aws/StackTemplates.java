package io.jenkins.plugins.scpuppet.aws;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** CloudFormation templates for what upstream manages as stacks: principal associations and launch constraints. */
final class StackTemplates {
    private static final JsonNodeFactory J = JsonNodeFactory.instance;

    private StackTemplates() {}

    static ObjectNode associations(String portfolioId, List<String> principals) {
        ObjectNode t = base("servicecatalog-puppet principal associations for " + portfolioId);
        ObjectNode resources = t.putObject("Resources");
        for (int i = 0; i < principals.size(); i++) {
            ObjectNode r = resources.putObject("Association" + i);
            r.put("Type", "AWS::ServiceCatalog::PortfolioPrincipalAssociation");
            r.putObject("Properties")
                    .put("PortfolioId", portfolioId)
                    .put("PrincipalARN", principals.get(i))
                    .put("PrincipalType", "IAM");
        }
        return t;
    }

    /** One LaunchRoleConstraint per (product, role) pair; productIds are already matched by name or regex. */
    static ObjectNode launchConstraints(String portfolioId, Map<String, List<String>> rolesByProductId) {
        ObjectNode t = base("servicecatalog-puppet launch role constraints for " + portfolioId);
        ObjectNode resources = t.putObject("Resources");
        int i = 0;
        for (Map.Entry<String, List<String>> e : rolesByProductId.entrySet()) {
            for (String role : e.getValue()) {
                ObjectNode r = resources.putObject("LaunchRoleConstraint" + i++);
                r.put("Type", "AWS::ServiceCatalog::LaunchRoleConstraint");
                r.putObject("Properties")
                        .put("PortfolioId", portfolioId)
                        .put("ProductId", e.getKey())
                        .put("RoleArn", role);
            }
        }
        if (i == 0) {
            resources.putObject("Nothing").put("Type", "AWS::CloudFormation::WaitConditionHandle");
        }
        return t;
    }

    private static ObjectNode base(String description) {
        ObjectNode t = J.objectNode();
        t.put("AWSTemplateFormatVersion", "2010-09-09");
        t.put("Description", description);
        return t;
    }
}
