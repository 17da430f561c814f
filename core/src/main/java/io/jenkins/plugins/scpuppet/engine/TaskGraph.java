package io.jenkins.plugins.scpuppet.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The static task graph reachable from a set of roots: tasks merged by identity, checked for cycles.
 *
 * <p>Dynamic requirements are not part of it; the scheduler adds them as tasks ask for them.
 */
public final class TaskGraph {
    private final List<TaskSpec> roots;
    private final Map<TaskKey, TaskSpec> tasks;

    private TaskGraph(List<TaskSpec> roots, Map<TaskKey, TaskSpec> tasks) {
        this.roots = roots;
        this.tasks = tasks;
    }

    /** Walks the requirements of {@code roots}; throws {@link CycleException} naming the tasks of a cycle. */
    public static TaskGraph of(Collection<TaskSpec> roots) {
        Map<TaskKey, TaskSpec> tasks = new LinkedHashMap<>();
        List<TaskSpec> rootList = new ArrayList<>();
        for (TaskSpec root : roots) {
            if (!tasks.containsKey(root.key())) {
                rootList.add(root);
            }
            walk(root, tasks);
        }
        return new TaskGraph(List.copyOf(rootList), Collections.unmodifiableMap(tasks));
    }

    /**
     * Adds {@code start} and everything it requires to {@code tasks}, depth first without recursion, so chains of any
     * length are fine. Tasks already in the map were checked before and are not walked again.
     */
    static void walk(TaskSpec start, Map<TaskKey, TaskSpec> tasks) {
        if (tasks.containsKey(start.key())) {
            return;
        }
        Map<TaskKey, Boolean> onPath = new HashMap<>();
        Deque<Frame> stack = new ArrayDeque<>();
        tasks.put(start.key(), start);
        stack.push(new Frame(start));
        onPath.put(start.key(), true);
        while (!stack.isEmpty()) {
            Frame top = stack.peek();
            if (!top.children.hasNext()) {
                stack.pop();
                onPath.remove(top.spec.key());
                continue;
            }
            TaskSpec child = top.children.next();
            if (onPath.containsKey(child.key())) {
                throw new CycleException(cycleOf(stack, child.key()));
            }
            if (tasks.putIfAbsent(child.key(), child) == null) {
                stack.push(new Frame(child));
                onPath.put(child.key(), true);
            }
        }
    }

    private static List<TaskKey> cycleOf(Deque<Frame> stack, TaskKey repeated) {
        List<TaskKey> path = new ArrayList<>();
        Iterator<Frame> fromBottom = stack.descendingIterator();
        boolean inCycle = false;
        while (fromBottom.hasNext()) {
            TaskKey key = fromBottom.next().spec.key();
            inCycle |= key.equals(repeated);
            if (inCycle) {
                path.add(key);
            }
        }
        return path;
    }

    private static final class Frame {
        final TaskSpec spec;
        final Iterator<TaskSpec> children;

        Frame(TaskSpec spec) {
            this.spec = spec;
            this.children = spec.requirements().iterator();
        }
    }

    public List<TaskSpec> roots() {
        return roots;
    }

    /** Every task, in discovery order, one per identity. */
    public Map<TaskKey, TaskSpec> tasks() {
        return tasks;
    }

    public int size() {
        return tasks.size();
    }
}
