package io.jenkins.plugins.scpuppet.steps;

import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.mirror.CacheBucket;
import io.jenkins.plugins.scpuppet.mirror.CacheMirror;
import io.jenkins.plugins.scpuppet.mirror.CachePurge;
import io.jenkins.plugins.scpuppet.mirror.KmsIndexSigner;
import io.jenkins.plugins.scpuppet.mirror.MirrorOptions;
import io.jenkins.plugins.scpuppet.mirror.MirrorResult;
import io.jenkins.plugins.scpuppet.mirror.S3Store;
import java.io.File;
import java.io.IOException;
import java.time.Clock;
import jenkins.MasterToSlaveFileCallable;

/** puppetPurgeCache on the agent, where the credentials are. Returns how many objects it deleted (or would). */
final class PurgeCallable extends MasterToSlaveFileCallable<Integer> {
    private static final long serialVersionUID = 2L;
    private final String task;
    private final boolean withDependents;
    private final boolean dryRun;
    private final boolean stale;
    private final String homeRegion;
    private final AgentAws aws;
    private final TaskListener listener;

    PurgeCallable(String task, boolean withDependents, boolean dryRun, boolean stale, String homeRegion,
            AgentAws aws, TaskListener listener) {
        this.task = task;
        this.withDependents = withDependents;
        this.dryRun = dryRun;
        this.stale = stale;
        this.homeRegion = homeRegion;
        this.aws = aws;
        this.listener = listener;
    }

    /** The same purge with the build's AWS variables and log (the execution keeps one without them). */
    PurgeCallable with(AgentAws agentAws, TaskListener log) {
        return new PurgeCallable(task, withDependents, dryRun, stale, homeRegion, agentAws, log);
    }

    @Override
    public Integer invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        BuildLog log = aws.log(listener.getLogger());
        return ChannelSafe.call(log, () -> {
            try (AgentConnection connection = aws.connect(homeRegion, log)) {
                AwsClients clients = connection.clients();
                String region = connection.region();
                CacheBucket bucket = CacheBucket.of(clients.callerAccount(region), region);
                try (CacheMirror mirror = new CacheMirror(
                        new S3Store(clients.s3(region), bucket),
                        MirrorOptions.DEFAULT,
                        Clock.systemUTC(),
                        new KmsIndexSigner(clients.kms(region), KmsIndexSigner.DEFAULT_KEY))) {
                    MirrorResult r = purge(mirror);
                    r.messages().forEach(log::line);
                    int count = dryRun ? r.messages().size() : r.transferred();
                    log.line((dryRun ? "would delete " : "deleted ") + count + " objects from s3://" + bucket.name()
                            + "/output");
                    return count;
                }
            }
        });
    }

    /** The same purge use case as {@code puppet cache purge}; a graph that cannot tell fails the step, saying why. */
    private MirrorResult purge(CacheMirror mirror) throws Exception {
        try {
            return mirror.purge(new CachePurge.Selection(task, withDependents, stale), dryRun);
        } catch (CachePurge.Refused graphCannotTell) {
            throw new AbortException("puppetPurgeCache: " + graphCannotTell.getMessage());
        }
    }
}
