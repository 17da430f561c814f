package io.jenkins.plugins.scpuppet.steps;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.bootstrap.Bootstrap;
import io.jenkins.plugins.scpuppet.bootstrap.BootstrapOptions;
import io.jenkins.plugins.scpuppet.bootstrap.SpokeOptions;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import jenkins.MasterToSlaveFileCallable;

/**
 * puppetBootstrap on the agent: the hub stack (and the hub's PuppetRole when asked), created with the agent's
 * credentials. The options travel as JDK values, not as core's records: JEP-200 refuses classes of a plugin's bundled
 * jars on the channel. Returns the hub stack's action as a String.
 */
final class BootstrapCallable extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 3L;
    private final String region;
    private final int noncurrentVersionDays;
    private final String kmsKeyId;
    private final boolean withEventBus;
    private final String spokeVersion;
    private final ArrayList<String> cacheWriters;
    /** Whether to create the hub's own PuppetRole; the four fields after it shape it. */
    private final boolean puppetRole;
    private final boolean leastPrivilege;
    private final String permissionBoundary;
    private final ArrayList<String> hubPrincipals;
    private final boolean deployInSpoke;
    private final AgentAws aws;
    private final TaskListener listener;

    /** @param puppetRole the hub's own PuppetRole, or null to leave it alone */
    BootstrapCallable(
            String region, BootstrapOptions options, SpokeOptions puppetRole, AgentAws aws, TaskListener listener) {
        this.region = region;
        this.noncurrentVersionDays = options.noncurrentVersionDays();
        this.kmsKeyId = options.kmsKeyId();
        this.withEventBus = options.forwardEventsToEventBridge();
        this.spokeVersion = options.spokeVersion();
        this.cacheWriters = new ArrayList<>(options.cacheWriters());
        this.puppetRole = puppetRole != null;
        this.leastPrivilege = puppetRole != null && puppetRole.leastPrivilege();
        this.permissionBoundary = puppetRole == null ? null : puppetRole.permissionBoundary();
        this.hubPrincipals = puppetRole == null ? new ArrayList<>() : new ArrayList<>(puppetRole.hubPrincipals());
        this.deployInSpoke = puppetRole != null && puppetRole.deployInSpoke();
        this.aws = aws;
        this.listener = listener;
    }

    BootstrapOptions options() {
        return new BootstrapOptions(noncurrentVersionDays, kmsKeyId, withEventBus, spokeVersion, cacheWriters);
    }

    /** The hub's PuppetRole options, or null to leave it alone. */
    SpokeOptions puppetRole() {
        return puppetRole ? new SpokeOptions(leastPrivilege, permissionBoundary, hubPrincipals, deployInSpoke) : null;
    }

    @Override
    public String invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        BuildLog log = aws.log(listener.getLogger());
        return ChannelSafe.call(log, () -> {
            try (AgentConnection connection = aws.connect(region, log)) {
                AwsClients clients = connection.clients();
                String r = connection.region();
                String account = clients.callerAccount(r);
                SpokeOptions role = puppetRole();
                if (role != null) {
                    // First: the hub stack writes the first config through this account's PuppetRole.
                    var made = new Bootstrap(clients).spoke(account, r, role);
                    log.line("PuppetRole of " + account + " ("
                            + (role.leastPrivilege() ? "least privilege" : "AdministratorAccess") + "): stack "
                            + made.path("stack_name").asText() + " " + made.path("action").asText());
                }
                var result = new Bootstrap(clients).hub(account, r, options(),
                        AgentWork.configStore(workspace, clients, () -> account, r));
                String action = result.path("action").asText();
                log.line("bootstrap of " + account + " " + r + ": stack " + result.path("stack_name").asText() + " "
                        + action);
                return action;
            }
        });
    }
}
