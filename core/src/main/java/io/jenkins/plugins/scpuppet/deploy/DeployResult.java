package io.jenkins.plugins.scpuppet.deploy;

import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.mirror.MirrorResult;
import java.nio.file.Path;

/**
 * What a deploy did: the engine's summary, the report files, and the mirror's work (null when not mirrored).
 *
 * @param save what the save did; null when not mirrored, or when the save threw
 * @param cacheSaveWarning why the cache was not saved after the run (also in the log and the report), or null; the
 *     run's outcome is the summary's either way
 */
public record DeployResult(
        RunSummary summary,
        boolean cachingEnabled,
        Path report,
        Path junit,
        MirrorResult restore,
        MirrorResult save,
        String cacheSaveWarning,
        long awsRetries) {

    /** True when the cache was saved to S3 after the run; false when not mirrored, or when the save did not go through. */
    public boolean cacheSaved() {
        return save != null && cacheSaveWarning == null;
    }
}
