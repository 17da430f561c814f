package io.jenkins.plugins.scpuppet.deploy;

import io.jenkins.plugins.scpuppet.aws.RoleSession;
import io.jenkins.plugins.scpuppet.engine.RunRetention;
import java.nio.file.Path;

/**
 * One deploy.
 *
 * @param cacheDir the workspace cache (holds output/ and runs/)
 * @param reportDir where the run report JSON and JUnit XML go
 * @param mirror restore the cache from S3 before the run and save it after (only when caching is enabled)
 * @param keepRuns how many run journals ({@code runs/<id>/}) to keep, this run's included
 * @param session how the run's role sessions are named (a Jenkins build), or null for {@code puppet-<runId>}
 * @param forced why every cacheable task runs again without reusing its target (reported FORCED), or null
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
        int keepRuns,
        RoleSession session,
        String forced) {

    public DeployRequest {
        if (keepRuns < 1) {
            throw new IllegalArgumentException("keepRuns must be at least 1 (this run), got " + keepRuns);
        }
    }

    /** A deploy that reuses what the cache holds (nothing forced). */
    public DeployRequest(
            Path manifest,
            String puppetAccountId,
            String homeRegion,
            Path cacheDir,
            Path reportDir,
            int workers,
            boolean mirror,
            boolean dryRun,
            String owner,
            int keepRuns,
            RoleSession session) {
        this(
                manifest,
                puppetAccountId,
                homeRegion,
                cacheDir,
                reportDir,
                workers,
                mirror,
                dryRun,
                owner,
                keepRuns,
                session,
                null);
    }

    /**
     * The same deploy, but every cacheable task runs again without looking at its target; each reports FORCED with
     * {@code why} (issue #22).
     */
    public DeployRequest forcing(String why) {
        return new DeployRequest(
                manifest,
                puppetAccountId,
                homeRegion,
                cacheDir,
                reportDir,
                workers,
                mirror,
                dryRun,
                owner,
                keepRuns,
                session,
                why);
    }

    /** A deploy that keeps the default number of run journals, its role sessions named {@code puppet-<runId>}. */
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
        this(
                manifest,
                puppetAccountId,
                homeRegion,
                cacheDir,
                reportDir,
                workers,
                mirror,
                dryRun,
                owner,
                RunRetention.DEFAULT_KEEP,
                null);
    }
}
