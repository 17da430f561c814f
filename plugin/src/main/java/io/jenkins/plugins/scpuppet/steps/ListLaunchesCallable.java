package io.jenkins.plugins.scpuppet.steps;

import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.scpuppet.launches.DryRunResults;
import io.jenkins.plugins.scpuppet.launches.LaunchList;
import java.io.File;
import java.io.IOException;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/**
 * puppetListLaunches on the agent: a dry run of the manifest (nothing provisioned, shared or saved to S3), whose
 * launch list is printed to the log and sent back as rows of Strings in {@link LaunchList#FIELDS}' order. A failed
 * dry run fails the step: a partial list would read as launches that do not exist.
 */
final class ListLaunchesCallable extends MasterToSlaveFileCallable<List<List<String>>> {
    private static final long serialVersionUID = 1L;

    private final DeploySettings settings;
    private final AgentAws aws;
    private final TaskListener listener;
    private final String owner;

    ListLaunchesCallable(DeploySettings settings, AgentAws aws, TaskListener listener, String owner) {
        this.settings = settings;
        this.aws = aws;
        this.listener = listener;
        this.owner = owner;
    }

    @Override
    public List<List<String>> invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        return new DeployCallable(settings, aws, listener, owner).deployThen(workspace, (r, cache, log) -> {
            String line = DeployCallable.summaryLine(r);
            log.line(line);
            if (r.summary().outcome().exitStatus() != 0) {
                throw new AbortException("puppetListLaunches: the dry run did not finish (" + line + "); see "
                        + r.report());
            }
            List<List<String>> rows = LaunchList.rows(DryRunResults.read(cache, r.summary().runId()));
            LaunchList.render(rows).lines().forEach(log::line);
            return DeployCallable.sendable(rows);
        });
    }
}
