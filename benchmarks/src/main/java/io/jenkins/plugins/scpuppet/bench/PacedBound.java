package io.jenkins.plugins.scpuppet.bench;

import io.jenkins.plugins.scpuppet.engine.TaskKey;
import io.jenkins.plugins.scpuppet.engine.TaskOutcome;
import io.jenkins.plugins.scpuppet.standin.LatencyModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * The deploy's lower bound under the latency model with AWS's rate limits in it: a discrete-event simulation over the
 * run's own DAG, with unlimited workers and a perfect pacer. Each task replays the calls it made, in order, each to
 * the (account, region, service) key it went to, as {@link CallCounts} recorded them; the polls of an operation it
 * waited on become the operation's time under the model plus one poll. A call takes {@code callMillis} and may start
 * only when its key has a token (a bucket of {@code burst} refilled at {@code ratePerSecond}, as the stand-in limits
 * it, calls served in the order they are asked for). A task starts as soon as its requirements are done and each named
 * resource it holds is free, greedily in ready order, and holds them until it ends; a dynamic requirement is ready
 * once a task asking for it has its static requirements done ({@link RunDag}).
 */
final class PacedBound {
    private PacedBound() {}

    /** A step of a task: a call to a key (key non-null), or a wait of {@code millis}. */
    record Step(String key, long millis) {}

    /** The task's steps: its calls in order, with each run of polls after an operation made into its wait and one poll. */
    static List<Step> steps(List<CallCounts.Call> calls, LatencyModel model) {
        List<Step> steps = new ArrayList<>();
        long pendingWait = -1; // >= 0: an operation was started and its first poll not yet seen
        boolean polled = false; // the last step was the one poll kept after a wait
        for (CallCounts.Call c : calls) {
            String op = c.operation();
            if (WaitOperations.isPoll(op) && pendingWait >= 0) {
                steps.add(new Step(null, pendingWait));
                steps.add(new Step(c.key(), model.callMillis()));
                pendingWait = -1;
                polled = true;
                continue;
            }
            if (WaitOperations.isPoll(op) && polled) {
                continue; // a poll the model's time makes unnecessary
            }
            polled = false;
            steps.add(new Step(c.key(), model.callMillis()));
            if (WaitOperations.RECORDS.contains(op)) {
                pendingWait = model.provisionMillis();
            } else if (WaitOperations.STACKS.contains(op)) {
                pendingWait = model.stackMillis();
            } else if (op.equals("CopyProduct") || op.equals("StartBuild")) {
                pendingWait = 0;
            }
        }
        return steps;
    }

    /** The simulated makespan, in milliseconds. */
    static long makespan(
            List<TaskOutcome> tasks,
            RunDag dag,
            Function<TaskKey, List<Step>> steps,
            Function<TaskKey, List<String>> resources,
            LatencyModel model) {
        int n = tasks.size();
        List<List<Step>> plan = new ArrayList<>();
        for (TaskOutcome t : tasks) {
            plan.add(steps.apply(t.key()));
        }
        Pacing pacing = new Pacing(model);
        Map<String, Integer> inUse = new HashMap<>();
        // {time, task, next step}: the task is ready to take its next step at that time (step -1: wants to start).
        PriorityQueue<long[]> events =
                new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        Map<String, List<Integer>> waitingOn = new HashMap<>(); // tasks ready but for a busy resource
        for (int i : dag.start()) {
            events.add(new long[] {0, i, -1});
        }
        long end = 0;
        int done = 0;
        while (!events.isEmpty()) {
            long[] e = events.poll();
            long now = e[0];
            int task = (int) e[1];
            int step = (int) e[2];
            if (step < 0) {
                List<String> needs = resources.apply(tasks.get(task).key());
                String busy = needs.stream()
                        .filter(r -> inUse.getOrDefault(r, 0) >= 1)
                        .findFirst()
                        .orElse(null);
                if (busy != null) {
                    waitingOn.computeIfAbsent(busy, r -> new ArrayList<>()).add(task);
                    continue;
                }
                needs.forEach(r -> inUse.merge(r, 1, Integer::sum));
                step = 0;
            }
            List<Step> s = plan.get(task);
            if (step < s.size()) {
                Step next = s.get(step);
                long finish = next.key() == null ? now + next.millis() : pacing.start(next.key(), now) + next.millis();
                events.add(new long[] {finish, task, step + 1});
                continue;
            }
            // The task ended: free its resources (the tasks waiting for one try again), release its dependents.
            done++;
            end = Math.max(end, now);
            for (String r : resources.apply(tasks.get(task).key())) {
                inUse.merge(r, -1, Integer::sum);
                for (int w : waitingOn.getOrDefault(r, List.of())) {
                    events.add(new long[] {now, w, -1});
                }
                waitingOn.remove(r);
            }
            for (int d : dag.finished(task)) {
                events.add(new long[] {now, d, -1});
            }
        }
        if (done < n) {
            throw new IllegalStateException(
                    (n - done) + " tasks can never start: a requirement is missing from the run");
        }
        return end;
    }

    /** The stand-in's token buckets as a schedule: per key, when its next token is free (generic cell rate form). */
    private static final class Pacing {
        private final long intervalMillis;
        private final long toleranceMillis;
        private final Map<String, Long> nextFree = new HashMap<>();

        Pacing(LatencyModel model) {
            this.intervalMillis = model.rateLimited() ? Math.round(1000 / model.ratePerSecond()) : 0;
            this.toleranceMillis = model.rateLimited() ? (model.burst() - 1) * intervalMillis : 0;
        }

        /** When a call asked for at {@code now} may start. */
        long start(String key, long now) {
            if (intervalMillis == 0) {
                return now;
            }
            long tat = nextFree.getOrDefault(key, now);
            long start = Math.max(now, tat - toleranceMillis);
            nextFree.put(key, Math.max(tat, start) + intervalMillis);
            return start;
        }
    }
}
