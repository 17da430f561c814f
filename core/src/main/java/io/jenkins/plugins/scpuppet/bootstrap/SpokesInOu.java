package io.jenkins.plugins.scpuppet.bootstrap;

import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.aws.AwsErrors;
import io.jenkins.plugins.scpuppet.engine.Engine;
import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.RunOptions;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import io.jenkins.plugins.scpuppet.manifest.AccountResolver;
import io.jenkins.plugins.scpuppet.manifest.ManifestException;
import io.jenkins.plugins.scpuppet.tasks.PuppetFamily;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * bootstrap-spokes-in-ou: one BootstrapSpokeAsTask per active account below an OU, run through the engine as upstream
 * does (so a second run takes every account already done from the cache). Each reaches its account through
 * {@code roleName} (for example an Organizations access role) and deploys the spoke stack there.
 */
public final class SpokesInOu {
    private SpokesInOu() {}

    public static RunSummary bootstrap(
            AwsClients roleClients,
            AccountResolver resolver,
            String ou,
            String roleName,
            String puppetAccount,
            String region,
            SpokeOptions options,
            Path cacheDir,
            RunListener listener)
            throws ManifestException, InterruptedException {
        Bootstrap bootstrap = new Bootstrap(roleClients);
        List<TaskSpec> tasks = new ArrayList<>();
        String boundary = options.permissionBoundary() == null ? "" : options.permissionBoundary();
        for (AccountResolver.OrgAccount a : resolver.accountsUnder(ou)) {
            if (!a.active()) {
                continue;
            }
            TaskSpec.Builder task = TaskSpec.builder(PuppetFamily.BootstrapSpokeAsTask)
                    .param("puppet_account_id", puppetAccount)
                    .param("account_id", a.id())
                    .param("role_name", roleName)
                    .param("permission_boundary", boundary);
            // Only when set, so the default keeps upstream's parameters (and cache key) exactly.
            if (options.leastPrivilege()) {
                task.param("least_privilege", "true");
            }
            if (!options.hubPrincipals().isEmpty()) {
                task.param("hub_principals", String.join(",", options.hubPrincipals()));
            }
            tasks.add(task.maxAttempts(3)
                    .work(ctx -> bootstrap.spokeIn(a.id(), region, puppetAccount, options))
                    .build());
        }
        return Engine.run(tasks, RunOptions.defaults(cacheDir).withErrorClassifier(AwsErrors::classify), listener);
    }
}
