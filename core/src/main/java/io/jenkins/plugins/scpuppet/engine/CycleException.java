package io.jenkins.plugins.scpuppet.engine;

import java.util.List;
import java.util.stream.Collectors;

/** The task graph has a cycle; the message names every task on it. */
public final class CycleException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<TaskKey> cycle;

    public CycleException(List<TaskKey> cycle) {
        super("task graph has a cycle: "
                + cycle.stream().map(TaskKey::id).collect(Collectors.joining(" -> "))
                + " -> " + cycle.get(0).id() + ". Remove one of these requirements.");
        this.cycle = List.copyOf(cycle);
    }

    public List<TaskKey> cycle() {
        return cycle;
    }
}
