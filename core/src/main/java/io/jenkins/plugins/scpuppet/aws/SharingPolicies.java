package io.jenkins.plugins.scpuppet.aws;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The template of stack {@code servicecatalog-puppet-policies} (upstream's GeneratePolicies): one EventBridge bus
 * policy per spoke account, or per organization the accounts were expanded from, allowing events:PutEvents on the
 * hub's {@code servicecatalog-puppet-event-bus}. Upstream's template also shares an SNS topic and two buckets of its
 * CodePipeline factory; a Jenkins hub has none of them, so they are left out. As upstream, more than 50 accounts get
 * no per-account policies (EventBridge caps a bus policy's size); organizations still do.
 */
final class SharingPolicies {
    static final String STACK = "servicecatalog-puppet-policies";
    static final String BUS = "servicecatalog-puppet-event-bus";
    static final int MAX_ACCOUNT_POLICIES = 50;
    private static final JsonNodeFactory J = JsonNodeFactory.instance;

    private SharingPolicies() {}

    static ObjectNode template(List<String> accounts, List<String> organizations) {
        ObjectNode t = J.objectNode()
                .put("AWSTemplateFormatVersion", "2010-09-09")
                .put("Description", "servicecatalog-puppet for Jenkins: what spokes may send to the hub");
        ObjectNode resources = t.putObject("Resources");
        // A template needs a resource even when nothing is shared; this one creates nothing.
        resources.putObject("NoOpResource").put("Type", "AWS::CloudFormation::WaitConditionHandle");
        if (accounts.size() <= MAX_ACCOUNT_POLICIES) {
            for (String account : accounts) {
                policy(resources, "EventBusPolicy" + account, "AllowSpokesAccounts" + account)
                        .put("Principal", account);
            }
        }
        for (String organization : organizations) {
            ObjectNode p = policy(
                    resources, "EventBusPolicy" + organization.replace("-", ""), "AllowSpokesOrgs" + organization);
            p.put("Principal", "*");
            p.putObject("Condition")
                    .put("Type", "StringEquals")
                    .put("Key", "aws:PrincipalOrgID")
                    .put("Value", organization);
        }
        return t;
    }

    private static ObjectNode policy(ObjectNode resources, String logicalId, String statementId) {
        return resources
                .putObject(logicalId)
                .put("Type", "AWS::Events::EventBusPolicy")
                .putObject("Properties")
                .put("EventBusName", BUS)
                .put("Action", "events:PutEvents")
                .put("StatementId", statementId);
    }
}
