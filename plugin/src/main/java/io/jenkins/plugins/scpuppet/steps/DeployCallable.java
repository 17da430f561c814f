package io.jenkins.plugins.scpuppet.steps;

import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.config.ConfigStore;
import io.jenkins.plugins.scpuppet.deploy.DeployRequest;
import io.jenkins.plugins.scpuppet.deploy.DeployResult;
import io.jenkins.plugins.scpuppet.deploy.Deployment;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import jenkins.MasterToSlaveFileCallable;

/**
 * The deploy itself, on the agent that holds the workspace: the task DAG, the AWS calls, the cache and the S3
 * transfers all happen here. Only the settings, the AWS variables of the environment and the log stream travel; only
 * a {@link DeployOutcome} (plugin type, JDK fields) or a {@link ChannelSafe} exception comes back.
 */
final class DeployCallable extends MasterToSlaveFileCallable<DeployOutcome> {
    private static final long serialVersionUID = 2L;

    private final DeploySettings settings;
    private final AgentAws aws;
    private final TaskListener listener;
    private final String owner;

    DeployCallable(DeploySettings settings, AgentAws aws, TaskListener listener, String owner) {
        this.settings = settings;
        this.aws = aws;
        this.listener = listener;
        this.owner = owner;
    }

    @Override
    public DeployOutcome invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        BuildLog log = aws.log(listener.getLogger());
        return ChannelSafe.call(log, () -> {
            try (AgentConnection connection = aws.connect(settings.homeRegion(), log)) {
                Path manifest = AgentWork.inWorkspace(workspace, settings.manifest(), "manifest");
                Path cache = AgentWork.inWorkspace(workspace, settings.cacheDir(), "cacheDir");
                if (!Files.isRegularFile(manifest)) {
                    throw new AbortException("manifest not found: " + settings.manifest() + " (in " + workspace + ")");
                }
                AwsClients clients = connection.clients();
                String region = connection.region();
                String account = settings.puppetAccountId() != null
                        ? settings.puppetAccountId()
                        : clients.callerAccount(region);
                return deploy(clients, AgentWork.configStore(workspace, clients, () -> account, region), account,
                        region, manifest, cache, log);
            }
        });
    }

    private DeployOutcome deploy(AwsClients clients, ConfigStore config, String account, String region,
            Path manifest, Path cache, BuildLog log) throws Exception {
        Deployment deployment = new Deployment(clients, config, log::line)
                .cacheIndex(null, settings.trustUnindexedCache()); // the key bootstrap makes
        DeployResult r = deployment.deploy(new DeployRequest(manifest, account, region, cache, cache,
                settings.workers(), settings.mirror(), settings.dryRun(), owner, settings.journalsKept(),
                aws.session()), log);
        RunSummary s = r.summary();
        String line = String.format(Locale.ROOT, "%s: %d executed, %d cached, %d failed, %d skipped in %.1f"
                        + " s (caching %s)", s.outcome(), s.count(TaskStatus.EXECUTED), s.count(TaskStatus.CACHED),
                s.count(TaskStatus.FAILED), s.count(TaskStatus.SKIPPED), s.wallMillis() / 1000.0,
                r.cachingEnabled() ? "enabled" : "disabled")
                + (r.cacheSaveWarning() == null ? "" : "; cache not saved");
        log.line(line);
        return new DeployOutcome(s.count(TaskStatus.EXECUTED), s.count(TaskStatus.CACHED), s.count(TaskStatus.FAILED),
                s.count(TaskStatus.SKIPPED), s.outcome().exitStatus(), line, Files.readString(r.report()),
                r.report().toString(), r.junit().toString(), r.cacheSaved(), r.cacheSaveWarning());
    }
}
