package io.jenkins.plugins.scpuppet.aws;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/** Why a stack operation failed, from its events: the resources that failed and the reason CloudFormation gives. */
final class StackFailure {
    /** Events read at most, newest first: a failure is among the latest. */
    private static final int MAX_EVENTS = 100;

    private StackFailure() {}

    /** "LogicalId (Type): reason; ..." for each resource whose latest event failed, or the stack's own reason. */
    static String reasons(CloudFormationClient cf, String stack) {
        List<String> failed = new ArrayList<>();
        String stackReason = null;
        int seen = 0;
        for (StackEvent e :
                cf.describeStackEventsPaginator(r -> r.stackName(stack)).stackEvents()) {
            if (++seen > MAX_EVENTS) {
                break;
            }
            String status = e.resourceStatusAsString();
            if (status == null || !status.endsWith("_FAILED")) {
                continue;
            }
            if ("AWS::CloudFormation::Stack".equals(e.resourceType()) && stack.equals(e.logicalResourceId())) {
                if (stackReason == null) {
                    stackReason = e.resourceStatusReason();
                }
            } else {
                failed.add(e.logicalResourceId() + " (" + e.resourceType() + "): " + e.resourceStatusReason());
            }
        }
        if (!failed.isEmpty()) {
            return String.join("; ", failed);
        }
        return stackReason != null ? stackReason : "no failed resource in the stack's events";
    }
}
