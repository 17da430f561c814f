package io.jenkins.plugins.scpuppet.cli;

import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.aws.AwsErrors;
import io.jenkins.plugins.scpuppet.aws.AwsPuppetOperations;
import io.jenkins.plugins.scpuppet.aws.OrganizationsAccountResolver;
import io.jenkins.plugins.scpuppet.engine.Engine;
import io.jenkins.plugins.scpuppet.engine.RunOptions;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.manifest.Expander;
import io.jenkins.plugins.scpuppet.manifest.ExpansionOptions;
import io.jenkins.plugins.scpuppet.manifest.Manifest;
import io.jenkins.plugins.scpuppet.manifest.ManifestLoader;
import io.jenkins.plugins.scpuppet.tasks.ResetOwnerTasks;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Upstream's reset-provisioned-product-owner: make the PuppetRole the owner of every provisioned launch. */
@Command(
        name = "reset-provisioned-product-owner",
        description = "Make each account's PuppetRole the OWNER of the products the manifest provisions.")
final class ResetOwnerCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MANIFEST")
    Path manifest;

    @Option(names = "--workers", defaultValue = "10", description = "Default: ${DEFAULT-VALUE}.")
    int workers;

    @Mixin
    CacheDirOption cache = new CacheDirOption();

    @Mixin
    AwsOptions aws = new AwsOptions();

    @Override
    public Integer call() throws Exception {
        try (AwsClients clients = aws.clients()) {
            String account = aws.puppetAccountId(clients);
            Manifest m = new ManifestLoader().load(manifest, account);
            var expanded = new Expander(OrganizationsAccountResolver.forManifest(m, clients, aws.homeRegion()))
                    .expand(m, new ExpansionOptions(account, aws.homeRegion(), List.of()));
            RunSummary summary = Engine.run(
                    ResetOwnerTasks.roots(expanded, new AwsPuppetOperations(clients, account, aws.homeRegion())),
                    RunOptions.defaults(cache.cacheDir).withWorkers(workers).withErrorClassifier(AwsErrors::classify),
                    new ProgressListener(System.out, false));
            System.out.println(summary.outcome() + ": " + summary.tasks().size() + " provisioned products");
            return summary.outcome().exitStatus();
        }
    }
}
