package io.jenkins.plugins.scpuppet.deploy;

import java.nio.file.Path;

/**
 * One deploy.
 *
 * @param cacheDir the workspace cache (holds output/ and runs/)
 * @param reportDir where the run report JSON and JUnit XML go
 * @param mirror restore the cache from S3 before the run and save it after (only when caching is enabled)
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
        String owner) {}
