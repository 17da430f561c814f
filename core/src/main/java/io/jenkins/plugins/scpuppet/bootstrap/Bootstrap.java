package io.jenkins.plugins.scpuppet.bootstrap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.aws.AwsStacks;
import io.jenkins.plugins.scpuppet.config.ConfigStore;

/**
 * Creates or updates what deploy needs, as CloudFormation stacks (users can see, diff and delete them, and a second
 * run with the same settings changes nothing and says so). Runs as the caller, not through the PuppetRole, which may
 * not exist yet.
 */
public final class Bootstrap {
    private final AwsClients clients;

    public Bootstrap(AwsClients clients) {
        this.clients = clients;
    }

    /** The hub: caching bucket, home-region parameter, event bus if forwarded; a first config if there is none. */
    public ObjectNode hub(String puppetAccount, String region, BootstrapOptions options, ConfigStore config)
            throws Exception {
        ObjectNode result = AwsStacks.asCaller(clients)
                .createOrUpdate(
                        region, BootstrapTemplates.HUB_STACK, BootstrapTemplates.hub(puppetAccount, region, options));
        if (config.read() == null) {
            config.write("regions:\n- " + region + "\nis_caching_enabled: false\n");
            result.put("config", "created with regions [" + region + "] and caching off");
        }
        return result;
    }

    /**
     * The spoke stack in the caller's account: the PuppetRole that trusts the puppet account and, with {@code
     * deployInSpoke}, the CodeBuild project execution: spoke starts.
     */
    public ObjectNode spoke(String puppetAccount, String region, SpokeOptions options) throws Exception {
        return AwsStacks.asCaller(clients)
                .createOrUpdate(
                        region, BootstrapTemplates.SPOKE_STACK, BootstrapTemplates.spoke(puppetAccount, options));
    }

    /** The spoke stack in another account, reached through an assumed role (BootstrapSpokeAsTask). */
    public ObjectNode spokeIn(String account, String region, String puppetAccount, SpokeOptions options)
            throws Exception {
        return AwsStacks.inAccount(clients, account)
                .createOrUpdate(
                        region, BootstrapTemplates.SPOKE_STACK, BootstrapTemplates.spoke(puppetAccount, options));
    }
}
