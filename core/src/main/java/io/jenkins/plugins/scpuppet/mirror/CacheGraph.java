package io.jenkins.plugins.scpuppet.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.engine.RunOutcome;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskOutcome;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The task graph stored with the cache: every task of the last run, plus the tasks it needs that did not take part
 * because a cache hit made them unnecessary (carried forward from the graph stored before). It answers two questions
 * safely: what depends on a task (a purge of one task takes its dependents too: the seed's warning about deleting
 * single files), and which cached targets no task of the manifest uses any more (stale). The second is only answered
 * from a graph a successful run wrote: after a failed or cancelled run the graph keeps everything it knew.
 */
public final class CacheGraph {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One task: its target (null if not cacheable), what it requires, and whether that list is known: a cache hit's
     * requirements are not looked at, so they are known only if an earlier graph knew them.
     */
    private record Node(String target, List<String> requires, boolean known) {}

    private final Map<String, Node> nodes;
    private final boolean complete;
    private final Map<String, List<String>> dependents = new HashMap<>();

    private CacheGraph(Map<String, Node> nodes, boolean complete) {
        this.nodes = nodes;
        this.complete = complete;
        nodes.forEach((id, n) -> n.requires()
                .forEach(r ->
                        dependents.computeIfAbsent(r, k -> new ArrayList<>()).add(id)));
    }

    /** The graph to store after a run, given the one stored before it (null if none). */
    public static byte[] toJson(RunSummary summary, CacheGraph previous) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (TaskOutcome t : summary.tasks()) {
            Set<String> requires = new LinkedHashSet<>();
            t.requirements().forEach(r -> requires.add(r.id()));
            Node before = previous == null ? null : previous.nodes.get(t.key().id());
            boolean hit = t.status() == TaskStatus.CACHED;
            if (hit && before != null) {
                // A hit's requirements were not looked at this time: keep those of the run that wrote it.
                requires.addAll(before.requires());
            }
            boolean known = !hit || (before != null && before.known());
            nodes.put(t.key().id(), new Node(t.target(), List.copyOf(requires), known));
        }
        boolean success = summary.outcome() == RunOutcome.SUCCESS;
        if (previous != null) {
            if (success) {
                // What this run's tasks require but did not run (pruned by a cache hit) is still in use.
                ArrayDeque<String> todo = new ArrayDeque<>(nodes.keySet());
                while (!todo.isEmpty()) {
                    String id = todo.pop();
                    for (String r : nodes.get(id).requires()) {
                        if (!nodes.containsKey(r) && previous.nodes.containsKey(r)) {
                            nodes.put(r, previous.nodes.get(r));
                            todo.add(r);
                        }
                    }
                }
            } else {
                previous.nodes.forEach(nodes::putIfAbsent); // a run that stopped short proves nothing unused
            }
        }
        // Unused targets can be named only when every edge is known, and only from a successful run's closure (or a
        // failed run's union with a graph that could already name them).
        boolean complete = (success || (previous != null && previous.complete))
                && nodes.values().stream().allMatch(Node::known);
        ObjectNode doc = JSON.createObjectNode().put("complete", complete);
        var tasks = doc.putArray("tasks");
        nodes.forEach((id, n) -> {
            ObjectNode node = tasks.addObject().put("id", id);
            if (n.target() != null) {
                node.put("target", n.target());
            }
            var requires = node.putArray("requires");
            n.requires().forEach(requires::add);
            node.put("known", n.known());
        });
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static CacheGraph fromJson(byte[] bytes) throws IOException {
        JsonNode doc = JSON.readTree(bytes);
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (JsonNode t : doc.path("tasks")) {
            List<String> requires = new ArrayList<>();
            t.path("requires").forEach(r -> requires.add(r.asText()));
            nodes.put(
                    t.path("id").asText(),
                    new Node(
                            t.hasNonNull("target") ? t.get("target").asText() : null,
                            List.copyOf(requires),
                            t.path("known").asBoolean(false)));
        }
        return new CacheGraph(nodes, doc.path("complete").asBoolean(false));
    }

    /** Task ids whose id contains {@code fragment}, for a purge by a readable name. */
    public List<String> find(String fragment) {
        Set<String> all = new LinkedHashSet<>(nodes.keySet());
        all.addAll(dependents.keySet());
        return all.stream().filter(id -> id.contains(fragment)).sorted().toList();
    }

    /** Target keys of the task and of every task that (transitively) depends on it. */
    public List<String> targetsWithDependents(String taskId, boolean withDependents) {
        Set<String> seen = new LinkedHashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>(List.of(taskId));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (seen.add(id) && withDependents) {
                todo.addAll(dependents.getOrDefault(id, List.of()));
            }
        }
        return seen.stream()
                .map(nodes::get)
                .filter(n -> n != null && n.target() != null)
                .map(Node::target)
                .toList();
    }

    /** Whether a successful run wrote this graph, so that what it does not hold is really unused. */
    public boolean complete() {
        return complete;
    }

    /** Of these target keys, those no task in the graph uses (the mirror's own keys are never stale). */
    public List<String> unused(Collection<String> keys) {
        Set<String> used = new LinkedHashSet<>();
        nodes.values().stream().map(Node::target).filter(t -> t != null).forEach(used::add);
        return keys.stream()
                .filter(k -> !k.startsWith(CacheKeys.META) && !used.contains(k))
                .sorted()
                .toList();
    }
}
