package io.jenkins.plugins.scpuppet.bench;

import io.jenkins.plugins.scpuppet.engine.TaskGraph;
import io.jenkins.plugins.scpuppet.engine.TaskKey;
import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The deploy's static task graph: what each task requires before it runs, so that the simulations can tell a run's
 * dynamic requirements from its static ones. Taken from the deploy itself ({@code Deployment.onGraph}), so that it was
 * built with the run's regions, account resolver (OUs) and graph options (event forwarding), not a copy of them.
 */
final class StaticGraph {
    private final Map<TaskKey, TaskSpec> specs;

    private StaticGraph(Map<TaskKey, TaskSpec> specs) {
        this.specs = specs;
    }

    /** The graph of the roots a deploy ran. */
    static StaticGraph of(List<TaskSpec> roots) {
        return new StaticGraph(TaskGraph.of(roots).tasks());
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
