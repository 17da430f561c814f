package io.jenkins.plugins.scpuppet.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.engine.TaskException;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/** CloudFormation stacks: create-or-update (no-op updates are success) and delete, waiting for a settled status. */
final class StackOperations {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AwsClients clients;
    private final Poller poller;

    StackOperations(AwsClients clients, Poller poller) {
        this.clients = clients;
        this.poller = poller;
    }

    private Stack describe(CloudFormationClient cf, String name) {
        try {
            return cf.describeStacks(r -> r.stackName(name)).stacks().stream()
                    .findFirst()
                    .orElse(null);
        } catch (CloudFormationException e) {
            if (AwsErrors.isNotFound(e)) {
                return null;
            }
            throw e;
        }
    }

    ObjectNode createOrUpdate(String account, String region, String name, ObjectNode template) throws Exception {
        CloudFormationClient cf = clients.cloudFormation(account, region);
        String body;
        try {
            body = JSON.writeValueAsString(template);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Stack existing = describe(cf, name);
        String action;
        if (existing == null) {
            cf.createStack(r -> r.stackName(name).templateBody(body).capabilities(Capability.CAPABILITY_NAMED_IAM));
            action = "created";
        } else {
            try {
                cf.updateStack(r -> r.stackName(name).templateBody(body).capabilities(Capability.CAPABILITY_NAMED_IAM));
                action = "updated";
            } catch (CloudFormationException e) {
                if (!String.valueOf(e.awsErrorDetails().errorMessage()).contains("No updates are to be performed")) {
                    throw e;
                }
                action = "unchanged";
            }
        }
        String done = action;
        return (ObjectNode) poller.settle(
                "stack " + action + "/" + kindOf(name),
                "stack " + name,
                () -> {
                    Stack s = describe(cf, name);
                    return s == null || s.stackStatusAsString().endsWith("_IN_PROGRESS") ? null : s;
                },
                settled -> {
                    String status = settled.stackStatusAsString();
                    if (!status.equals("CREATE_COMPLETE") && !status.equals("UPDATE_COMPLETE")) {
                        throw new TaskException(
                                "StackFailed",
                                "stack " + name + " in " + account + " " + region + " is " + status,
                                false);
                    }
                    return JsonNodeFactory.instance
                            .objectNode()
                            .put("stack_name", name)
                            .put("stack_id", settled.stackId())
                            .put("status", status)
                            .put("action", done);
                });
    }

    ObjectNode delete(String account, String region, String name) throws Exception {
        CloudFormationClient cf = clients.cloudFormation(account, region);
        if (describe(cf, name) == null) {
            return JsonNodeFactory.instance.objectNode().put("stack_name", name).put("deleted", false);
        }
        cf.deleteStack(r -> r.stackName(name));
        return (ObjectNode) poller.settle(
                "stack deleted/" + kindOf(name),
                "deletion of stack " + name,
                () -> {
                    Stack s = describe(cf, name);
                    if (s == null || s.stackStatusAsString().equals("DELETE_COMPLETE")) {
                        return Boolean.TRUE;
                    }
                    return s.stackStatusAsString().equals("DELETE_FAILED") ? Boolean.FALSE : null;
                },
                deleted -> {
                    if (!deleted) {
                        throw new TaskException(
                                "StackDeleteFailed",
                                "stack " + name + " in " + (account == null ? "this account" : account) + " " + region
                                        + " is DELETE_FAILED: " + StackFailure.reasons(cf, name),
                                false);
                    }
                    return JsonNodeFactory.instance
                            .objectNode()
                            .put("stack_name", name)
                            .put("deleted", true);
                });
    }

    /** AWS ids that make one stack's name differ from its siblings' (a portfolio, a product, an account). */
    private static final Pattern IDS = Pattern.compile("\\b(?:port|prod|pa)-[a-z0-9]+|\\b\\d{12}\\b");

    /**
     * The kind of a stack for the poller's learning: its name without ids, so the association stacks of many portfolios
     * are one kind ("associations-for-portfolio-*").
     */
    static String kindOf(String stackName) {
        return IDS.matcher(stackName).replaceAll("*");
    }
}
