package io.jenkins.plugins.scpuppet.steps;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.config.ConfigKey;
import io.jenkins.plugins.scpuppet.config.ConfigStore;
import io.jenkins.plugins.scpuppet.config.PuppetConfig;
import java.io.File;
import java.io.IOException;
import jenkins.MasterToSlaveFileCallable;

/** puppetSetConfig on the agent: upstream's set-config-value where the credentials are. Returns the effective value. */
final class SetConfigCallable extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 2L;
    private final String name;
    private final String value;
    private final String homeRegion;
    private final AgentAws aws;
    private final TaskListener listener;

    SetConfigCallable(String name, String value, String homeRegion, AgentAws aws, TaskListener listener) {
        this.name = name;
        this.value = value;
        this.homeRegion = homeRegion;
        this.aws = aws;
        this.listener = listener;
    }

    @Override
    public String invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        BuildLog log = aws.log(listener.getLogger());
        return ChannelSafe.call(log, () -> {
            try (AgentConnection connection = aws.connect(homeRegion, log)) {
                AwsClients clients = connection.clients();
                String region = connection.region();
                // A workspace config.yaml needs no AWS call; the SSM parameter lives in the caller's account.
                ConfigStore store =
                        AgentWork.configStore(workspace, clients, () -> clients.callerAccount(region), region);
                PuppetConfig updated = PuppetConfig.setValue(store, name, value);
                String effective = String.valueOf(updated.get(ConfigKey.named(name)));
                log.line(name + " = " + effective + " in " + store.describe());
                return effective;
            }
        });
    }
}
