package io.jenkins.plugins.scpuppet.tasks;

import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import io.jenkins.plugins.scpuppet.manifest.DependsOn;
import io.jenkins.plugins.scpuppet.manifest.ExpandedManifest;
import io.jenkins.plugins.scpuppet.manifest.SingleAccount;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an expanded manifest into the root tasks of a run: one LaunchTask, SpokeLocalPortfolioTask and
 * LambdaInvocationTask per item (upstream's three sections), plus the hub event bus when events are forwarded.
 * Everything AWS cannot change is expanded here; only id-keyed work is added at run time.
 */
public final class TaskGraphBuilder {
    private TaskGraphBuilder() {}

    public static List<TaskSpec> roots(ExpandedManifest expanded, PuppetOperations ops, GraphOptions options) {
        return roots(expanded, ops, options, new SecureValues());
    }

    /** @param secure where the run's SecureString values stay, for a caller that redacts errors with them */
    public static List<TaskSpec> roots(
            ExpandedManifest expanded, PuppetOperations ops, GraphOptions options, SecureValues secure) {
        return roots(expanded, ops, options, secure, false);
    }

    /**
     * @param singleAccount the manifest went through {@link SingleAccount#filter}: only items with a target left are
     *     roots (what they depend on still runs), and the hub-wide event bus and policies are left to full runs
     */
    public static List<TaskSpec> roots(
            ExpandedManifest expanded,
            PuppetOperations ops,
            GraphOptions options,
            SecureValues secure,
            boolean singleAccount) {
        TaskFactory f = new TaskFactory(ops, expanded, options, secure);
        SharingTasks sharing = new SharingTasks(f);
        DeletionTasks deletion = new DeletionTasks(f, sharing);
        LaunchTasks launches = new LaunchTasks(f, sharing);
        SpokeLocalTasks spokeLocal = new SpokeLocalTasks(f, sharing, deletion);
        LambdaTasks lambdas = new LambdaTasks(f);
        f.registerSection(DependsOn.Section.LAUNCH, launches::launch);
        f.registerSection(DependsOn.Section.SPOKE_LOCAL_PORTFOLIO, spokeLocal::spokeLocalPortfolio);
        f.registerSection(DependsOn.Section.LAMBDA_INVOCATION, lambdas::lambdaInvocation);

        List<TaskSpec> roots = new ArrayList<>();
        if (options.forwardEventsToEventBridge() && !options.dryRun() && !singleAccount) {
            TaskSpec bus = f.spec(PuppetFamily.EnsureEventBridgeEventBusTask)
                    .param("puppet_account_id", f.puppetAccountId)
                    .param("region", f.homeRegion)
                    .maxAttempts(3)
                    .work(ctx -> ops.ensureEventBus(f.puppetAccountId, f.homeRegion))
                    .build();
            roots.add(sharingPolicies(f, ops, bus));
        }
        expanded.manifest().launches().keySet().stream()
                .filter(n -> !singleAccount || SingleAccount.hasTargets(expanded.launchTargets(), n))
                .forEach(n -> roots.add(launches.launch(n)));
        expanded.manifest().spokeLocalPortfolios().keySet().stream()
                .filter(n -> !singleAccount || SingleAccount.hasTargets(expanded.spokeLocalPortfolioTargets(), n))
                .forEach(n -> roots.add(spokeLocal.spokeLocalPortfolio(n)));
        expanded.manifest().lambdaInvocations().keySet().stream()
                .filter(n -> !singleAccount || SingleAccount.hasTargets(expanded.lambdaTargets(), n))
                .forEach(n -> roots.add(lambdas.lambdaInvocation(n)));
        return roots;
    }

    /** Upstream's GeneratePolicies, for what a Jenkins hub has: the event bus, which the spokes may write to. */
    private static TaskSpec sharingPolicies(TaskFactory f, PuppetOperations ops, TaskSpec bus) {
        List<String> accounts = f.expanded.accounts().stream()
                .map(a -> a.accountId())
                .filter(a -> !a.equals(f.puppetAccountId))
                .distinct()
                .sorted()
                .toList();
        List<String> organizations = f.expanded.accounts().stream()
                .map(a -> a.organization())
                .filter(o -> o != null && !o.isEmpty())
                .distinct()
                .sorted()
                .toList();
        return f.spec(PuppetFamily.GeneratePolicies)
                .param("puppet_account_id", f.puppetAccountId)
                .param("region", f.homeRegion)
                .insignificant("accounts", String.join(",", accounts))
                .insignificant("organizations", String.join(",", organizations))
                .requires(bus)
                .maxAttempts(3)
                .work(ctx -> ops.ensureSharingPolicies(f.puppetAccountId, f.homeRegion, accounts, organizations))
                .build();
    }
}
