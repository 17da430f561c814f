package io.jenkins.plugins.scpuppet.deploy;

import io.jenkins.plugins.scpuppet.aws.RoleSession;
import java.nio.file.Path;

/**
 * One deploy.
 *
 * @param cacheDir the workspace cache (holds output/ and runs/)
 * @param reportDir where the run report JSON and JUnit XML go
 * @param mirror restore the cache from S3 before the run and save it after (only when caching is enabled)
 * @param session how the run's role sessions are named (a Jenkins build), or null for {@code puppet-<runId>}
 */
public record DeployRequest(
        Path manifest,
        String puppetAccountId,
        String homeRegion,
        Path cacheDir,
        Path reportDir,
        int workers,
        boolean mirror,
        boolean dryRun,
        String owner,
        RoleSession session) {

    /** A run whose role sessions are named {@code puppet-<runId>}. */
    public DeployRequest(
            Path manifest,
            String puppetAccountId,
            String homeRegion,
            Path cacheDir,
            Path reportDir,
            int workers,
            boolean mirror,
            boolean dryRun,
            String owner) {
        this(manifest, puppetAccountId, homeRegion, cacheDir, reportDir, workers, mirror, dryRun, owner, null);
    }
}
