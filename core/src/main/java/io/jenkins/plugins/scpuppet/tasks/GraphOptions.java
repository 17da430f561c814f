package io.jenkins.plugins.scpuppet.tasks;

/**
 * Run-wide switches that change the shape of the graph.
 *
 * @param dryRun read-only variants replace provision and terminate; nothing is shared or changed
 * @param forwardEventsToEventBridge the config's should_forward_events_to_eventbridge: ensure the hub event bus
 */
public record GraphOptions(boolean dryRun, boolean forwardEventsToEventBridge) {
    public static final GraphOptions DEFAULT = new GraphOptions(false, false);
}
