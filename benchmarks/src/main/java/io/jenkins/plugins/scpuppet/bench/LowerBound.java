package io.jenkins.plugins.scpuppet.bench;

import io.jenkins.plugins.scpuppet.engine.TaskKey;
import io.jenkins.plugins.scpuppet.engine.TaskOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The wall time a deploy cannot beat under the latency model: a discrete-event simulation over the run's own DAG (its
 * static and dynamic requirements, a dynamic one starting once a task asks for it: {@link RunDag}), with unlimited
 * workers. Each task takes its lower-bound duration; a task starts as
 * soon as its requirements are done and every named resource it needs is under capacity (greedily, in the order tasks
 * become ready), and holds its resources until it ends. Rate limits are not simulated here (see {@link
 * DeployBenchmark}, which reports the busiest key separately).
 */
final class LowerBound {
    private LowerBound() {}

    /** The simulated makespan, in milliseconds. */
    static long makespan(
            List<TaskOutcome> tasks,
            RunDag dag,
            ToLongFunction<TaskKey> durationMillis,
            Function<TaskKey, List<String>> resources,
            Function<String, Integer> capacity) {
        int n = tasks.size();
        List<Integer> ready = new ArrayList<>(dag.start());
        Map<String, Integer> inUse = new HashMap<>();
        PriorityQueue<long[]> running = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0])); // {end, task}
        long now = 0;
        long end = 0;
        int done = 0;
        while (done < n) {
            List<Integer> blocked = new ArrayList<>();
            for (int i : ready) {
                List<String> needs = resources.apply(tasks.get(i).key());
                if (needs.stream().allMatch(r -> inUse.getOrDefault(r, 0) < capacity.apply(r))) {
                    needs.forEach(r -> inUse.merge(r, 1, Integer::sum));
                    running.add(new long[] {
                        now + durationMillis.applyAsLong(tasks.get(i).key()), i
                    });
                } else {
                    blocked.add(i);
                }
            }
            ready = blocked;
            if (running.isEmpty()) {
                throw new IllegalStateException(
                        (n - done) + " tasks can never start: a requirement is missing from the run");
            }
            now = running.peek()[0];
            while (!running.isEmpty() && running.peek()[0] == now) {
                int i = (int) running.poll()[1];
                done++;
                end = Math.max(end, now);
                resources.apply(tasks.get(i).key()).forEach(r -> inUse.merge(r, -1, Integer::sum));
                ready.addAll(dag.finished(i));
            }
        }
        return end;
    }
}
