package io.jenkins.plugins.scpuppet.bootstrap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.aws.AwsStacks;
import io.jenkins.plugins.scpuppet.engine.TaskException;
import java.util.ArrayList;
import java.util.List;

/**
 * The inverse of {@link Bootstrap}: release-spoke deletes the spoke stack of the caller's account, uninstall the hub
 * stack. Both run as the caller and first say what would be stranded: provisioned products launched through the
 * PuppetRole and, for the hub, cache objects that keep CloudFormation from deleting the buckets.
 */
public final class Removal {
    private final AwsClients clients;

    public Removal(AwsClients clients) {
        this.clients = clients;
    }

    private String puppetRoleName() {
        String role = clients.settings().puppetRole();
        return role.substring(role.lastIndexOf('/') + 1);
    }

    /** What still uses the spoke's PuppetRole in the caller's account, over the regions. */
    public List<String> spokeDependents(List<String> regions) {
        return DependentProducts.launchedThrough(clients, puppetRoleName(), regions);
    }

    /** Deletes the spoke stack in the region and waits until it is gone. */
    public ObjectNode releaseSpoke(String region) throws TaskException, InterruptedException {
        return AwsStacks.asCaller(clients).delete(region, BootstrapTemplates.SPOKE_STACK);
    }

    /**
     * What uninstall would strand or trip over: products launched through the hub's PuppetRole, and hub buckets that
     * hold objects (CloudFormation cannot delete those).
     */
    public List<String> hubDependents(String account, String region, List<String> regions) {
        List<String> out = new ArrayList<>(DependentProducts.launchedThrough(clients, puppetRoleName(), regions));
        for (String bucket : BootstrapTemplates.bucketNames(account, region)) {
            if (BucketEmptier.holdsObjects(clients.s3(region), bucket)) {
                out.add("bucket " + bucket + " holds objects (--force deletes every version of them)");
            }
        }
        return out;
    }

    /**
     * Deletes the hub stack and waits until it is gone; with {@code emptyBuckets}, first deletes every object version
     * and delete marker of the hub's buckets. Adds {@code object_versions_deleted} to the result.
     */
    public ObjectNode uninstall(String account, String region, boolean emptyBuckets)
            throws TaskException, InterruptedException {
        long emptied = 0;
        if (emptyBuckets) {
            for (String bucket : BootstrapTemplates.bucketNames(account, region)) {
                emptied += BucketEmptier.empty(clients.s3(region), bucket);
            }
        }
        ObjectNode result = AwsStacks.asCaller(clients).delete(region, BootstrapTemplates.HUB_STACK);
        return result.put("object_versions_deleted", emptied);
    }
}
