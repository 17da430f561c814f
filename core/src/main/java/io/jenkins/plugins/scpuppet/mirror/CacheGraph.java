package io.jenkins.plugins.scpuppet.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskKey;
import io.jenkins.plugins.scpuppet.engine.TaskOutcome;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The last run's task graph (static and dynamic requirements), stored with the cache so that one task can be purged
 * together with everything that depends on it: the safe answer to the seed's warning about deleting single files.
 */
public final class CacheGraph {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, String> targets;
    private final Map<String, List<String>> dependents;

    private CacheGraph(Map<String, String> targets, Map<String, List<String>> dependents) {
        this.targets = targets;
        this.dependents = dependents;
    }

    public static byte[] toJson(RunSummary summary) {
        ObjectNode doc = JSON.createObjectNode();
        var tasks = doc.putArray("tasks");
        for (TaskOutcome t : summary.tasks()) {
            ObjectNode n = tasks.addObject().put("id", t.key().id());
            if (t.target() != null) {
                n.put("target", t.target());
            }
            var requires = n.putArray("requires");
            t.requirements().stream().map(TaskKey::id).forEach(requires::add);
        }
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static CacheGraph fromJson(byte[] bytes) throws IOException {
        JsonNode doc = JSON.readTree(bytes);
        Map<String, String> targets = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        for (JsonNode t : doc.path("tasks")) {
            String id = t.path("id").asText();
            if (t.hasNonNull("target")) {
                targets.put(id, t.get("target").asText());
            }
            for (JsonNode r : t.path("requires")) {
                dependents.computeIfAbsent(r.asText(), k -> new ArrayList<>()).add(id);
            }
        }
        return new CacheGraph(targets, dependents);
    }

    /** Task ids whose id contains {@code fragment}, for a purge by a readable name. */
    public List<String> find(String fragment) {
        Set<String> all = new LinkedHashSet<>(targets.keySet());
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
        return seen.stream().map(targets::get).filter(t -> t != null).toList();
    }
}
