package io.jenkins.plugins.scpuppet.engine;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Builds a run's summary, and the stall message's sample, from the scheduler's state. */
final class Summaries {
    private Summaries() {}

    static RunSummary of(
            String runId,
            boolean cancelled,
            String stallError,
            RunClock clock,
            List<Node> finished,
            Collection<TaskKey> allTasks,
            Map<TaskKey, Node> nodes) {
        boolean allOk = finished.stream().allMatch(Node::succeeded);
        RunOutcome outcome = cancelled
                ? RunOutcome.CANCELLED
                : (allOk && stallError == null ? RunOutcome.SUCCESS : RunOutcome.TASK_FAILURES);
        int pruned = (int) allTasks.stream()
                .filter(k -> !nodes.containsKey(k) || !nodes.get(k).needed)
                .count();
        List<TaskOutcome> outcomes = finished.stream().map(Node::outcome).toList();
        return new RunSummary(runId, outcome, clock.startedAtMillis(), clock.millis(), outcomes, pruned, stallError);
    }

    /** A few tasks that were needed and never finished, for the stall message. */
    static List<String> stuck(Collection<Node> nodes) {
        return nodes.stream()
                .filter(n -> n.needed && !n.done())
                .limit(5)
                .map(n -> n.spec.key().id())
                .toList();
    }
}
