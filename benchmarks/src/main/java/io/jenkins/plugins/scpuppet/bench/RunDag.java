package io.jenkins.plugins.scpuppet.bench;

import io.jenkins.plugins.scpuppet.engine.TaskKey;
import io.jenkins.plugins.scpuppet.engine.TaskOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A run's tasks as the simulations need them, by index, and when each may start: when its requirements are done
 * (requirements outside the run are done) and, for a dynamic requirement, once a task asking for it has run, that is
 * once that task's static requirements are done. A dynamic requirement asked for by several tasks goes with the first.
 */
final class RunDag {
    private final int[] pending;
    private final int[] staticPending;
    private final List<List<Integer>> dependents = new ArrayList<>();
    private final List<List<Integer>> askedBy = new ArrayList<>(); // i -> tasks i is a static requirement of
    private final List<List<Integer>> dynamic = new ArrayList<>(); // asker -> its dynamic requirements
    private final boolean[] asked;

    private RunDag(int n) {
        pending = new int[n];
        staticPending = new int[n];
        asked = new boolean[n];
        for (int i = 0; i < n; i++) {
            dependents.add(new ArrayList<>());
            askedBy.add(new ArrayList<>());
            dynamic.add(new ArrayList<>());
        }
    }

    /** @param staticRequirements a task's requirements before it runs; empty: all of its requirements are static */
    static RunDag of(List<TaskOutcome> tasks, Function<TaskKey, Optional<Set<TaskKey>>> staticRequirements) {
        int n = tasks.size();
        Map<TaskKey, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(tasks.get(i).key(), i);
        }
        RunDag dag = new RunDag(n);
        boolean[] gated = new boolean[n];
        for (int i = 0; i < n; i++) {
            Optional<Set<TaskKey>> before =
                    staticRequirements.apply(tasks.get(i).key());
            for (TaskKey r : tasks.get(i).requirements()) {
                Integer j = index.get(r);
                if (j == null) {
                    continue;
                }
                dag.pending[i]++;
                dag.dependents.get(j).add(i);
                if (before.isEmpty() || before.get().contains(r)) {
                    dag.staticPending[i]++;
                    dag.askedBy.get(j).add(i);
                } else {
                    dag.dynamic.get(i).add(j);
                    gated[j] = true;
                }
            }
        }
        for (int j = 0; j < n; j++) {
            // Until a task asks for it; a task some other task requires up front is needed from the start.
            if (gated[j] && dag.askedBy.get(j).isEmpty()) {
                dag.pending[j]++;
            } else {
                gated[j] = false;
            }
        }
        for (int i = 0; i < n; i++) {
            dag.dynamic.get(i).removeIf(j -> !gated[j]);
        }
        return dag;
    }

    /** The tasks ready at the start (asking for their dynamic requirements at once when they have no others). */
    List<Integer> start() {
        List<Integer> ready = new ArrayList<>();
        for (int i = 0; i < pending.length; i++) {
            if (staticPending[i] == 0) {
                ask(i, ready);
            }
        }
        for (int i = 0; i < pending.length; i++) {
            if (pending[i] == 0) {
                ready.add(i);
            }
        }
        return ready.stream().distinct().toList();
    }

    /** Task {@code i} ended: the tasks that became ready. */
    List<Integer> finished(int i) {
        List<Integer> ready = new ArrayList<>();
        for (int a : askedBy.get(i)) {
            if (--staticPending[a] == 0) {
                ask(a, ready);
            }
        }
        for (int d : dependents.get(i)) {
            if (--pending[d] == 0) {
                ready.add(d);
            }
        }
        return ready;
    }

    private void ask(int asker, List<Integer> ready) {
        for (int d : dynamic.get(asker)) {
            if (!asked[d]) {
                asked[d] = true;
                if (--pending[d] == 0) {
                    ready.add(d);
                }
            }
        }
    }
}
