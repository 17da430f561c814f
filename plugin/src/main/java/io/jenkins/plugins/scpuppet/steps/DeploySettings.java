package io.jenkins.plugins.scpuppet.steps;

import io.jenkins.plugins.scpuppet.engine.RunRetention;
import java.io.Serializable;

/**
 * puppetDeploy's parameters as one immutable value: what the execution keeps and what travels to the agent. Public
 * because JBoss Marshalling River before 2.3.0 (which older workflow-support bundles) cannot write a record whose
 * accessors it cannot reach, and program.dat holds this one. Its components are fixed: River reads a record with the
 * components of the class it loads now, not those the stream was written with, so a program.dat written before a
 * component was added cannot be read at all (StreamCorruptedException). A setting added later goes on {@link
 * PuppetDeployStepExecution}, an ordinary class, whose new fields read as their defaults (as rerun does).
 */
public record DeploySettings(
        String manifest,
        int workers,
        String cacheDir,
        boolean mirror,
        boolean dryRun,
        String homeRegion,
        String puppetAccountId,
        int keepRuns,
        boolean trustUnindexedCache,
        String singleAccount)
        implements Serializable {

    /** Settings for every account (no singleAccount). */
    DeploySettings(
            String manifest,
            int workers,
            String cacheDir,
            boolean mirror,
            boolean dryRun,
            String homeRegion,
            String puppetAccountId,
            int keepRuns,
            boolean trustUnindexedCache) {
        this(manifest, workers, cacheDir, mirror, dryRun, homeRegion, puppetAccountId, keepRuns, trustUnindexedCache,
                null);
    }

    /** Settings that keep the default number of run journals. */
    DeploySettings(
            String manifest,
            int workers,
            String cacheDir,
            boolean mirror,
            boolean dryRun,
            String homeRegion,
            String puppetAccountId) {
        this(manifest, workers, cacheDir, mirror, dryRun, homeRegion, puppetAccountId,
                RunRetention.DEFAULT_KEEP, false);
    }

    /** How many run journals to keep; settings serialized before the field existed read 0 and mean the default. */
    int journalsKept() {
        return keepRuns < 1 ? RunRetention.DEFAULT_KEEP : keepRuns;
    }
}
