package io.jenkins.plugins.scpuppet.engine;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Whether adding a dynamic requirement would close a cycle: does the requirement already reach the task? */
final class Reachability {
    private Reachability() {}

    /** True when {@code target} is among {@code from}'s static or dynamic requirements, transitively. */
    static boolean reaches(Node from, Node target, Map<TaskKey, Node> nodes) {
        ArrayDeque<TaskSpec> todo = new ArrayDeque<>();
        Set<TaskKey> seen = new HashSet<>();
        todo.push(from.spec);
        while (!todo.isEmpty()) {
            TaskSpec s = todo.pop();
            if (s.key().equals(target.spec.key())) {
                return true;
            }
            if (seen.add(s.key())) {
                todo.addAll(s.requirements());
                Node existing = nodes.get(s.key());
                if (existing != null) {
                    existing.requirements.forEach(r -> todo.push(r.spec));
                }
            }
        }
        return false;
    }
}
