package io.jenkins.plugins.scpuppet.tasks;

import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import io.jenkins.plugins.scpuppet.manifest.DependsOn;
import io.jenkins.plugins.scpuppet.manifest.ExpandedManifest;
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
        TaskFactory f = new TaskFactory(ops, expanded, options);
        SharingTasks sharing = new SharingTasks(f);
        DeletionTasks deletion = new DeletionTasks(f, sharing);
        LaunchTasks launches = new LaunchTasks(f, sharing);
        SpokeLocalTasks spokeLocal = new SpokeLocalTasks(f, sharing, deletion);
        LambdaTasks lambdas = new LambdaTasks(f);
        f.registerSection(DependsOn.Section.LAUNCH, launches::launch);
        f.registerSection(DependsOn.Section.SPOKE_LOCAL_PORTFOLIO, spokeLocal::spokeLocalPortfolio);
        f.registerSection(DependsOn.Section.LAMBDA_INVOCATION, lambdas::lambdaInvocation);

        List<TaskSpec> roots = new ArrayList<>();
        if (options.forwardEventsToEventBridge() && !options.dryRun()) {
            roots.add(f.spec(PuppetFamily.EnsureEventBridgeEventBusTask)
                    .param("puppet_account_id", f.puppetAccountId)
                    .param("region", f.homeRegion)
                    .maxAttempts(3)
                    .work(ctx -> ops.ensureEventBus(f.puppetAccountId, f.homeRegion))
                    .build());
        }
        expanded.manifest().launches().keySet().forEach(n -> roots.add(launches.launch(n)));
        expanded.manifest().spokeLocalPortfolios().keySet().forEach(n -> roots.add(spokeLocal.spokeLocalPortfolio(n)));
        expanded.manifest().lambdaInvocations().keySet().forEach(n -> roots.add(lambdas.lambdaInvocation(n)));
        return roots;
    }
}
