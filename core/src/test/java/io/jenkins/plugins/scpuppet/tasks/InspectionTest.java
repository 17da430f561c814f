package io.jenkins.plugins.scpuppet.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scpuppet.engine.Engine;
import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.RunOptions;
import io.jenkins.plugins.scpuppet.engine.TaskGraph;
import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectionTest {
    @TempDir
    Path cache;

    @Test
    void shouldDrawTheGraphAsDotWithCacheableTasksAsBoxes() throws Exception {
        String dot = GraphExport.dot(TaskGraph.of(DemoFixture.roots(DemoFixture.operations(), GraphOptions.DEFAULT)));

        assertThat(dot).startsWith("digraph puppet {");
        assertThat(dot).contains("\"LaunchTask(launch_name=flow-logs)\" -> ");
        assertThat(dot).containsPattern("\"DeleteCloudFormationStackTask\\([^\"]*\" \\[label=\"[^\"]*\", shape=box\\]");
        assertThat(dot.chars().filter(c -> c == '{').count())
                .isEqualTo(dot.chars().filter(c -> c == '}').count());
    }

    @Test
    void shouldPlanEverythingAsExecutedOnAnEmptyCacheAndCachedAfterARun() throws Exception {
        FakeOperations ops = DemoFixture.operations();
        List<TaskSpec> roots = DemoFixture.roots(ops, GraphOptions.DEFAULT);

        List<Planner.Step> before = Planner.plan(roots, cache, true);
        Engine.run(roots, RunOptions.defaults(cache).withWorkers(2), RunListener.NONE);
        List<Planner.Step> after = Planner.plan(roots, cache, true);
        List<Planner.Step> disabled = Planner.plan(roots, cache, false);

        assertThat(before).noneMatch(s -> s.decision() == Planner.Decision.CACHED);
        assertThat(counts(after).get(Planner.Decision.CACHED)).isGreaterThan(0);
        assertThat(after).filteredOn(Planner.Step::cacheable).allMatch(s -> s.decision() == Planner.Decision.CACHED);
        assertThat(disabled).noneMatch(s -> s.decision() == Planner.Decision.CACHED);
        assertThat(ops.calls).noneMatch(c -> c.contains("plan"));
    }

    @Test
    void shouldPlanAnInvalidTargetAsExecutedWithTheReason() throws Exception {
        List<TaskSpec> roots = DemoFixture.roots(DemoFixture.operations(), GraphOptions.DEFAULT);
        Engine.run(roots, RunOptions.defaults(cache).withWorkers(2), RunListener.NONE);
        try (var files = Files.walk(cache.resolve("output/DeleteCloudFormationStackTask"))) {
            Path target = files.filter(Files::isRegularFile).findFirst().orElseThrow();
            Files.writeString(target, "{");
        }

        assertThat(Planner.plan(roots, cache, true))
                .anyMatch(s -> s.decision() == Planner.Decision.EXECUTE_INVALID_TARGET
                        && s.reason().contains("not valid JSON"));
    }

    @Test
    void shouldPlanAPurgedTargetAsExecutedBecausePurged() throws Exception {
        List<TaskSpec> roots = DemoFixture.roots(DemoFixture.operations(), GraphOptions.DEFAULT);
        Engine.run(roots, RunOptions.defaults(cache).withWorkers(2), RunListener.NONE);
        Path target;
        try (var files = Files.walk(cache.resolve("output/DeleteCloudFormationStackTask"))) {
            target = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        Files.delete(target);
        io.jenkins.plugins.scpuppet.engine.PurgeRecord.record(
                cache, List.of(cache.relativize(target).toString().replace('\\', '/')));

        List<Planner.Step> plan = Planner.plan(roots, cache, true);

        assertThat(plan)
                .filteredOn(s -> s.decision() == Planner.Decision.EXECUTE && s.cacheable())
                .extracting(Planner.Step::reason)
                .containsExactly("purged");
    }

    private static Map<Planner.Decision, Long> counts(List<Planner.Step> steps) {
        return steps.stream().collect(Collectors.groupingBy(Planner.Step::decision, Collectors.counting()));
    }
}
