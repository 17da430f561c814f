package io.jenkins.plugins.scpuppet.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Small helpers to build tasks and run them in tests. */
public final class Runs {
    private Runs() {}

    /** The failed tasks with their error code and message, for an assertion's description. */
    public static String failures(RunSummary s) {
        return s.tasks().stream()
                .filter(t -> t.status() == TaskStatus.FAILED)
                .map(t -> t.key().id() + ": " + t.errorCode() + " " + t.errorMessage())
                .toList()
                .toString();
    }

    static TaskSpec.Builder task(TaskFamily family, String name) {
        return TaskSpec.builder(family)
                .param("name", name)
                .work(ctx -> JsonNodeFactory.instance
                        .objectNode()
                        .put("name", name)
                        .put("token", ctx.spec().family().cacheable() ? "fixed" : ctx.runToken()));
    }

    static RunOptions options(Path root) {
        return RunOptions.defaults(root).withWorkers(4).withBackoff(RetryBackoff.NONE);
    }

    static RunSummary run(Path root, List<TaskSpec> roots, RunListener listener) throws InterruptedException {
        return Engine.run(roots, options(root), listener);
    }

    static RunSummary run(RunOptions options, TaskSpec... roots) throws InterruptedException {
        return Engine.run(List.of(roots), options, RunListener.NONE);
    }

    static Map<String, TaskStatus> statuses(RunSummary summary) {
        return summary.tasks().stream()
                .collect(Collectors.toMap(
                        t -> t.key().parameters().getOrDefault("name", t.key().id()), TaskOutcome::status));
    }

    static TaskOutcome outcome(RunSummary summary, String name) {
        return summary.tasks().stream()
                .filter(t -> name.equals(t.key().parameters().get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no task named " + name + " in " + summary.tasks()));
    }
}
