package io.jenkins.plugins.scpuppet.bench;

import io.jenkins.plugins.scpuppet.engine.TaskGraph;
import io.jenkins.plugins.scpuppet.engine.TaskKey;
import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import io.jenkins.plugins.scpuppet.manifest.AccountResolver;
import io.jenkins.plugins.scpuppet.manifest.ExpandedManifest;
import io.jenkins.plugins.scpuppet.manifest.Expander;
import io.jenkins.plugins.scpuppet.manifest.ExpansionOptions;
import io.jenkins.plugins.scpuppet.manifest.ManifestLoader;
import io.jenkins.plugins.scpuppet.manifest.Target;
import io.jenkins.plugins.scpuppet.tasks.GraphOptions;
import io.jenkins.plugins.scpuppet.tasks.PuppetOperations;
import io.jenkins.plugins.scpuppet.tasks.TaskGraphBuilder;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The deploy's static task graph, built offline as {@code puppet graph} builds it: what each task requires before it
 * runs, so that the simulations can tell a run's dynamic requirements from its static ones.
 */
final class StaticGraph {
    private final Map<TaskKey, TaskSpec> specs;

    private StaticGraph(Map<TaskKey, TaskSpec> specs) {
        this.specs = specs;
    }

    static StaticGraph of(Path manifest, String account, String home) throws Exception {
        ExpandedManifest first = new Expander(AccountResolver.NONE)
                .expand(new ManifestLoader().load(manifest, account), new ExpansionOptions(account, home, List.of()));
        List<String> regions = first.launchTargets().values().stream()
                .flatMap(List::stream)
                .map(Target::region)
                .distinct()
                .toList();
        ExpandedManifest expanded = new Expander(AccountResolver.NONE)
                .expand(new ManifestLoader().load(manifest, account), new ExpansionOptions(account, home, regions));
        PuppetOperations offline = (PuppetOperations) Proxy.newProxyInstance(
                PuppetOperations.class.getClassLoader(), new Class<?>[] {PuppetOperations.class}, (p, m, a) -> {
                    throw new IllegalStateException("the static graph calls no AWS");
                });
        return new StaticGraph(TaskGraph.of(TaskGraphBuilder.roots(expanded, offline, GraphOptions.DEFAULT))
                .tasks());
    }

    /**
     * The requirements the task has before it runs, when it is in the static graph; empty for a task added at run time
     * (whose requirements are then all taken as static). A run's other requirements of the task are dynamic: asked
     * for by the task when it runs.
     */
    Optional<Set<TaskKey>> staticRequirements(TaskKey key) {
        TaskSpec spec = specs.get(key);
        return spec == null
                ? Optional.empty()
                : Optional.of(spec.requirements().stream().map(TaskSpec::key).collect(Collectors.toSet()));
    }
}
