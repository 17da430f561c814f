package io.jenkins.plugins.scpuppet.steps;

import java.io.Serializable;

/** puppetDeploy's parameters as one immutable value: what the execution keeps and what travels to the agent. */
record DeploySettings(
        String manifest,
        int workers,
        String cacheDir,
        boolean mirror,
        boolean sandbox,
        boolean dryRun,
        String homeRegion,
        String puppetAccountId)
        implements Serializable {}
