package io.jenkins.plugins.scpuppet.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Named resources with capacities (upstream's per API, account and region mutexes). Guarded by the scheduler's lock.
 *
 * <p>A task that cannot get all its resources is parked on the first busy one; when that resource is released every
 * task parked on it goes back to the ready queue to try again. Other work keeps flowing meanwhile.
 */
final class Resources {
    private final RunOptions options;
    private final Comparator<Node> order;
    private final Map<String, Integer> inUse = new HashMap<>();
    private final Map<String, PriorityQueue<Node>> parked = new HashMap<>();

    Resources(RunOptions options, Comparator<Node> order) {
        this.options = options;
        this.order = order;
    }

    /** Takes all of the node's resources, or parks it and returns false. */
    boolean tryAcquire(Node node) {
        for (String r : node.spec.resources()) {
            if (inUse.getOrDefault(r, 0) >= options.capacityOf(r)) {
                node.state = Node.State.PARKED;
                parked.computeIfAbsent(r, k -> new PriorityQueue<>(order)).add(node);
                return false;
            }
        }
        for (String r : node.spec.resources()) {
            inUse.merge(r, 1, Integer::sum);
        }
        node.holdsResources = true;
        return true;
    }

    /**
     * Releases the node's resources; returns the tasks that were waiting for them. A parked node holds none: it leaves
     * its line instead, so that a node skipped while parked is never woken and run.
     */
    List<Node> release(Node node) {
        List<Node> woken = new ArrayList<>();
        if (node.state == Node.State.PARKED) {
            unpark(node);
        }
        if (!node.holdsResources) {
            return woken;
        }
        node.holdsResources = false;
        for (String r : node.spec.resources()) {
            inUse.merge(r, -1, Integer::sum);
            PriorityQueue<Node> waiting = parked.remove(r);
            if (waiting != null) {
                woken.addAll(waiting);
            }
        }
        return woken;
    }

    private void unpark(Node node) {
        for (String r : node.spec.resources()) {
            PriorityQueue<Node> waiting = parked.get(r);
            if (waiting != null && waiting.remove(node) && waiting.isEmpty()) {
                parked.remove(r);
            }
        }
    }
}
