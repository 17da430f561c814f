package io.jenkins.plugins.scpuppet.bench;

import io.jenkins.plugins.scpuppet.engine.TaskKey;
import io.jenkins.plugins.scpuppet.engine.TaskOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Where the run's own critical path lost time against the model: walking back from the task that ended last, through
 * the requirement of each task that ended last, it splits the path into time the next task waited to start after its
 * last requirement ended (for a worker, a named resource, the scheduler) and time tasks ran; a task's run is split
 * again into its least time under the model and what it took beyond that (polls found it done late, pacing, CPU).
 */
final class ChainLoss {
    private ChainLoss() {}

    /** Per task family on the path: tasks, waiting to start, least time, time beyond it (milliseconds). */
    record Part(int tasks, long waited, long least, long beyond) {
        Part plus(Part o) {
            return new Part(tasks + o.tasks, waited + o.waited, least + o.least, beyond + o.beyond);
        }
    }

    /** A task may wait for a named resource held by a task that ended this close before it started. */
    private static final long HANDOVER_MILLIS = 50;

    /** The path's parts by task family, from the end of the run back to its start. */
    static Map<String, Part> of(
            List<TaskOutcome> tasks,
            long runStartMillis,
            ToLongFunction<TaskKey> leastMillis,
            Function<TaskKey, List<String>> resources) {
        Map<TaskKey, TaskOutcome> byKey = new HashMap<>();
        Map<String, List<TaskOutcome>> holders = new HashMap<>();
        Map<TaskKey, List<TaskOutcome>> askers = new HashMap<>();
        TaskOutcome last = null;
        for (TaskOutcome t : tasks) {
            byKey.put(t.key(), t);
            t.requirements()
                    .forEach(r ->
                            askers.computeIfAbsent(r, x -> new ArrayList<>()).add(t));
            resources
                    .apply(t.key())
                    .forEach(r ->
                            holders.computeIfAbsent(r, x -> new ArrayList<>()).add(t));
            if (last == null || end(t) > end(last)) {
                last = t;
            }
        }
        Map<String, Part> parts = new TreeMap<>();
        Set<TaskKey> seen = new HashSet<>(); // short tasks handing a resource over both ways must not loop
        for (TaskOutcome t = last; t != null && seen.add(t.key()); ) {
            TaskOutcome before = null;
            for (TaskKey r : t.requirements()) {
                TaskOutcome req = byKey.get(r);
                if (req != null && (before == null || end(req) > end(before))) {
                    before = req;
                }
            }
            // The holder of a named resource it needed, released just before it started, came later still.
            for (String r : resources.apply(t.key())) {
                for (TaskOutcome h : holders.get(r)) {
                    boolean handedOver = h != t
                            && end(h) <= t.startedAtMillis() + HANDOVER_MILLIS
                            && end(h) >= t.startedAtMillis() - HANDOVER_MILLIS;
                    if (handedOver && end(h) < end(t) && (before == null || end(h) > end(before))) {
                        before = h;
                    }
                }
            }
            // A dynamic requirement is asked for by a task that ran after its other requirements ended.
            if (before == null) {
                for (TaskOutcome asker : askers.getOrDefault(t.key(), List.of())) {
                    for (TaskKey r : asker.requirements()) {
                        TaskOutcome req = byKey.get(r);
                        boolean earlier = req != null && req != t && end(req) <= t.startedAtMillis();
                        if (earlier && (before == null || end(req) > end(before))) {
                            before = req;
                        }
                    }
                }
            }
            long ready = before == null ? runStartMillis : end(before);
            // A task paused for a dynamic requirement started before it ended: only its time after counts here.
            long ran = end(t) - Math.max(ready, t.startedAtMillis());
            long least = Math.min(ran, leastMillis.applyAsLong(t.key()));
            Part part = new Part(1, Math.max(0, t.startedAtMillis() - ready), least, ran - least);
            parts.merge(t.key().family(), part, Part::plus);
            if (System.getProperty("chainloss.trace") != null) {
                System.out.printf(
                        Locale.ROOT,
                        "  path: at %.2f s waited %.2f s ran %.2f s (least %.2f s) %s%n",
                        (t.startedAtMillis() - runStartMillis) / 1e3,
                        part.waited() / 1e3,
                        ran / 1e3,
                        least / 1e3,
                        t.key());
            }
            t = before;
        }
        return parts;
    }

    static String describe(Map<String, Part> parts) {
        Part all = parts.values().stream().reduce(new Part(0, 0, 0, 0), Part::plus);
        StringBuilder s = new StringBuilder(String.format(
                Locale.ROOT,
                "the run's critical path: %d tasks, %.1f s waiting to start, %.1f s least time under the model, %.1f s"
                        + " beyond it; by family (tasks, waiting, least, beyond):",
                all.tasks(),
                all.waited() / 1e3,
                all.least() / 1e3,
                all.beyond() / 1e3));
        parts.forEach((family, p) -> s.append(String.format(
                Locale.ROOT,
                " %s %d, %.1f, %.1f, %.1f;",
                family,
                p.tasks(),
                p.waited() / 1e3,
                p.least() / 1e3,
                p.beyond() / 1e3)));
        return s.toString();
    }

    private static long end(TaskOutcome t) {
        return t.startedAtMillis() + t.durationMillis();
    }
}
