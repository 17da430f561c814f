package io.jenkins.plugins.scpuppet.cli;

import io.jenkins.plugins.scpuppet.manifest.ExpandedManifest;
import io.jenkins.plugins.scpuppet.manifest.ManifestException;
import io.jenkins.plugins.scpuppet.manifest.SingleAccount;
import picocli.CommandLine.Option;

/** Upstream's {@code --single-account ID}, the same on deploy, dry-run, graph, plan and expand. */
final class SingleAccountOption {
    @Option(
            names = "--single-account",
            paramLabel = "ACCOUNT_ID",
            description =
                    "Only this account's targets, plus the hub tasks they need (as upstream's" + " --single-account).")
    String accountId;

    ExpandedManifest apply(ExpandedManifest expanded) throws ManifestException {
        return accountId == null ? expanded : SingleAccount.filter(expanded, accountId);
    }

    boolean on() {
        return accountId != null;
    }
}
