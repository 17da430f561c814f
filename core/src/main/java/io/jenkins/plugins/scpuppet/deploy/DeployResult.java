package io.jenkins.plugins.scpuppet.deploy;

import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.mirror.MirrorResult;
import java.nio.file.Path;

/** What a deploy did: the engine's summary, the report files, and the mirror's work (null when not mirrored). */
public record DeployResult(
        RunSummary summary,
        boolean cachingEnabled,
        Path report,
        Path junit,
        MirrorResult restore,
        MirrorResult save,
        long awsRetries) {}
