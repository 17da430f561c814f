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
import io.jenkins.plugins.scpuppet.launches.DryRunResults;
import io.jenkins.plugins.scpuppet.launches.DryRunTable;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jenkins.MasterToSlaveFileCallable;

/**
 * The deploy itself, on the agent that holds the workspace: the task DAG, the AWS calls, the cache and the S3
 * transfers all happen here. Only the settings, the AWS variables of the environment and the log stream travel; only
 * a {@link DeployOutcome} (plugin type, JDK fields) or a {@link ChannelSafe} exception comes back. With dryRun it
 * prints upstream's dry-run table and sends its rows back; {@link ListLaunchesCallable} reuses the run.
 */
final class DeployCallable extends MasterToSlaveFileCallable<DeployOutcome> {
    private static final long serialVersionUID = 2L;

    private final DeploySettings settings;
    private final AgentAws aws;
    private final TaskListener listener;
    private final String owner;
    /** Every cacheable task runs again (puppetDeploy's rerun). */
    private final boolean rerun;

    DeployCallable(DeploySettings settings, AgentAws aws, TaskListener listener, String owner, boolean rerun) {
        this.settings = settings;
        this.aws = aws;
        this.listener = listener;
        this.owner = owner;
        this.rerun = rerun;
    }

    /** A deploy that reuses what the cache holds. */
    DeployCallable(DeploySettings settings, AgentAws aws, TaskListener listener, String owner) {
        this(settings, aws, listener, owner, false);
    }

    @Override
    public DeployOutcome invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        return deployThen(workspace, this::outcome);
    }

    /** What to make of a finished deploy, on the agent: it may read the run's journal in the cache dir. */
    @FunctionalInterface
    interface Finish<T> {
        T apply(DeployResult result, Path cacheDir, BuildLog log) throws Exception;
    }

    /** Deploys (or dry-runs) as the settings say, then hands the result to {@code finish}; see the class comment. */
    <T> T deployThen(File workspace, Finish<T> finish) throws IOException, InterruptedException {
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
                ConfigStore config = AgentWork.configStore(workspace, clients, () -> account, region);
                Deployment deployment = new Deployment(clients, config, log::line)
                        .cacheIndex(null, settings.trustUnindexedCache()) // the key bootstrap makes
                        .singleAccount(settings.singleAccount());
                DeployResult r = deployment.deploy(new DeployRequest(manifest, account, region, cache, cache,
                        settings.workers(), settings.mirror(), settings.dryRun(), owner, settings.journalsKept(),
                        aws.session()).forcing(rerun ? "re-run requested (puppetDeploy rerun: true)" : null),
                        log);
                return finish.apply(r, cache, log);
            }
        });
    }

    /** The counts, the report and, for a dry run, upstream's table (printed to the log too). */
    private DeployOutcome outcome(DeployResult r, Path cache, BuildLog log) throws IOException {
        RunSummary s = r.summary();
        String line = summaryLine(r);
        log.line(line);
        List<List<String>> rows = null;
        if (settings.dryRun()) {
            rows = sendable(DryRunTable.rows(DryRunResults.read(cache, s.runId())));
            DryRunTable.render(rows).lines().forEach(log::line);
        }
        return new DeployOutcome(s.count(TaskStatus.EXECUTED), s.count(TaskStatus.CACHED), s.count(TaskStatus.FAILED),
                s.count(TaskStatus.SKIPPED), s.outcome().exitStatus(), line, Files.readString(r.report()),
                r.report().toString(), r.junit().toString(), r.cacheSaved(), r.cacheSaveWarning(), rows);
    }

    static String summaryLine(DeployResult r) {
        RunSummary s = r.summary();
        return String.format(Locale.ROOT, "%s: %d executed, %d cached, %d failed, %d skipped in %.1f"
                        + " s (caching %s)", s.outcome(), s.count(TaskStatus.EXECUTED), s.count(TaskStatus.CACHED),
                s.count(TaskStatus.FAILED), s.count(TaskStatus.SKIPPED), s.wallMillis() / 1000.0,
                r.cachingEnabled() ? "enabled" : "disabled")
                + (r.cacheSaveWarning() == null ? "" : "; cache not saved");
    }

    /** Rows as ArrayLists: JDK classes Jenkins' class filter lets back across the channel (List.of's are not). */
    static List<List<String>> sendable(List<List<String>> rows) {
        List<List<String>> out = new ArrayList<>(rows.size());
        rows.forEach(row -> out.add(new ArrayList<>(row)));
        return out;
    }
}
