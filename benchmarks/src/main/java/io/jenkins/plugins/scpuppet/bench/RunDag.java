package io.jenkins.plugins.scpuppet.bench;

import io.jenkins.plugins.scpuppet.engine.TaskKey;
import io.jenkins.plugins.scpuppet.engine.TaskOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's tasks as the simulations need them, by index: how many requirements each waits for (requirements outside
 * the run are done) and which tasks wait for each.
 */
record RunDag(int[] pending, List<List<Integer>> dependents) {
    static RunDag of(List<TaskOutcome> tasks) {
        int n = tasks.size();
        Map<TaskKey, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(tasks.get(i).key(), i);
        }
        int[] pending = new int[n];
        List<List<Integer>> dependents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            dependents.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            for (TaskKey r : tasks.get(i).requirements()) {
                Integer j = index.get(r);
                if (j != null) {
                    pending[i]++;
                    dependents.get(j).add(i);
                }
            }
        }
        return new RunDag(pending, dependents);
    }
}
