package io.jenkins.plugins.scpuppet.tasks;

import io.jenkins.plugins.scpuppet.engine.MissReason;
import io.jenkins.plugins.scpuppet.engine.PurgeRecord;
import io.jenkins.plugins.scpuppet.engine.TargetPaths;
import io.jenkins.plugins.scpuppet.engine.TargetRead;
import io.jenkins.plugins.scpuppet.engine.TargetStore;
import io.jenkins.plugins.scpuppet.engine.TaskGraph;
import io.jenkins.plugins.scpuppet.engine.TaskKey;
import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Predicts, without calling AWS, which tasks of the static graph a run would take from the cache and which it would
 * execute, with the engine's own rule: a cacheable task with a valid target is cached and its requirements are not
 * needed for its sake. Tasks whose identity depends on ids that AWS returns (shares, provisioning-artifact parameters)
 * are added at run time and are not in this plan.
 */
public final class Planner {
    private Planner() {}

    public enum Decision {
        CACHED,
        EXECUTE,
        /** A stored target exists but is invalid (corrupt or stale); the task would run again. */
        EXECUTE_INVALID_TARGET
    }

    public record Step(TaskKey key, boolean cacheable, Decision decision, String reason) {}

    public static List<Step> plan(List<TaskSpec> roots, Path cacheRoot, boolean cachingEnabled) {
        TaskGraph graph = TaskGraph.of(roots);
        TargetStore store = new TargetStore(cacheRoot, false);
        Set<String> purged = cachingEnabled ? PurgeRecord.load(cacheRoot) : Set.of();
        List<Step> steps = new ArrayList<>();
        Set<TaskKey> seen = new HashSet<>();
        ArrayDeque<TaskSpec> todo = new ArrayDeque<>(graph.roots());
        while (!todo.isEmpty()) {
            TaskSpec spec = todo.poll();
            if (!seen.add(spec.key())) {
                continue;
            }
            if (spec.family().cacheable() && cachingEnabled) {
                TargetRead read = store.read(spec);
                if (read instanceof TargetRead.Hit) {
                    steps.add(new Step(spec.key(), true, Decision.CACHED, "valid target"));
                    continue;
                }
                if (read instanceof TargetRead.Invalid invalid) {
                    steps.add(new Step(
                            spec.key(),
                            true,
                            Decision.EXECUTE_INVALID_TARGET,
                            invalid.miss().describe()));
                } else {
                    MissReason why =
                            purged.contains(TargetPaths.relativePath(spec)) ? MissReason.PURGED : MissReason.NO_TARGET;
                    steps.add(new Step(spec.key(), true, Decision.EXECUTE, why.label()));
                }
            } else {
                steps.add(new Step(
                        spec.key(),
                        spec.family().cacheable(),
                        Decision.EXECUTE,
                        spec.family().cacheable() ? "caching disabled" : "runs every run"));
            }
            todo.addAll(spec.requirements());
        }
        return steps;
    }
}
