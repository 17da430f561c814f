package io.jenkins.plugins.scpuppet.bench;

import java.util.Map;
import java.util.Set;

/** The AWS operations a task waits on, and the polls that wait for each: what the lower bounds count once per wait. */
final class WaitOperations {
    static final Set<String> RECORDS =
            Set.of("ProvisionProduct", "UpdateProvisionedProduct", "TerminateProvisionedProduct");
    static final Set<String> STACKS = Set.of("CreateStack", "UpdateStack", "DeleteStack");

    /** Poll operation → the operations whose end it waits for. */
    static final Map<String, Set<String>> POLLED = Map.of(
            "DescribeRecord",
            RECORDS,
            "DescribeStacks",
            STACKS,
            "DescribeCopyProductStatus",
            Set.of("CopyProduct"),
            "BatchGetBuilds",
            Set.of("StartBuild"));

    private WaitOperations() {}

    static boolean isPoll(String operation) {
        return POLLED.containsKey(operation);
    }
}
