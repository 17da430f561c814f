package io.jenkins.plugins.scpuppet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Random DAGs on several workers: ordering, at-most-once execution and exactly one status per task. */
class RandomDagPropertyTest {

    record Dag(int size, List<List<Integer>> requires, Set<Integer> cacheable, Set<Integer> failing, int workers) {}

    /** A DAG of 1 to 60 tasks on 2 to 6 workers; in a fifth of them about one task in twenty fails. */
    private static Dag randomDag(Random random) {
        int n = 1 + random.nextInt(60);
        int workers = 2 + random.nextInt(5);
        int failPercent = random.nextInt(101);
        return build(n, new Random(random.nextLong()), workers, failPercent);
    }

    private static Dag build(int n, Random random, int workers, int failPercent) {
        List<List<Integer>> requires = new ArrayList<>();
        Set<Integer> cacheable = new HashSet<>();
        Set<Integer> failing = new HashSet<>();
        for (int i = 0; i < n; i++) {
            List<Integer> reqs = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                if (random.nextInt(100) < 15) {
                    reqs.add(j);
                }
            }
            requires.add(reqs);
            if (random.nextBoolean()) {
                cacheable.add(i);
            }
            if (failPercent < 20 && random.nextInt(100) < 5) {
                failing.add(i);
            }
        }
        return new Dag(n, requires, cacheable, failing, workers);
    }

    @TestFactory
    Stream<DynamicTest> shouldRespectRequirementsRunEachTaskOnceAndGiveOneStatusEach() {
        return SeededCases.of(30, 5, random -> {
            Dag dag = randomDag(random);
            Path cache = Files.createTempDirectory("dag");
            try {
                for (int round = 0; round < 2; round++) {
                    check(dag, cache);
                }
            } finally {
                deleteTree(cache);
            }
        });
    }

    private void check(Dag dag, Path cache) throws Exception {
        Map<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
        Set<Integer> finishedWork = ConcurrentHashMap.newKeySet();
        List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
        TaskSpec[] specs = new TaskSpec[dag.size()];
        for (int i = 0; i < dag.size(); i++) {
            int id = i;
            TaskSpec.Builder b = TaskSpec.builder(dag.cacheable().contains(i) ? TestFamily.CACHED : TestFamily.PLAIN)
                    .param("name", "t" + i)
                    .work(ctx -> {
                        runs.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                        for (int r : dag.requires().get(id)) {
                            if (!finishedWork.contains(r) && !cachedBefore(cache, specs[r])) {
                                violations.add("t" + id + " started before t" + r + " finished");
                            }
                        }
                        if (dag.failing().contains(id)) {
                            throw new TaskException("Boom", "planned failure", false);
                        }
                        finishedWork.add(id);
                        return ctx.emptyResult();
                    });
            dag.requires().get(i).forEach(r -> b.requires(specs[r]));
            specs[i] = b.build();
        }
        Map<TaskKey, Integer> terminalEvents = new ConcurrentHashMap<>();
        RunListener counting = new RunListener() {
            @Override
            public void taskCached(TaskKey task, Path target) {
                terminalEvents.merge(task, 1, Integer::sum);
            }

            @Override
            public void taskExecuted(TaskKey task, long durationMillis, int attempts) {
                terminalEvents.merge(task, 1, Integer::sum);
            }

            @Override
            public void taskFailed(TaskKey task, TaskError error, int attempts) {
                terminalEvents.merge(task, 1, Integer::sum);
            }

            @Override
            public void taskSkipped(TaskKey task, String reason) {
                terminalEvents.merge(task, 1, Integer::sum);
            }
        };

        RunSummary summary = Engine.run(List.of(specs), Runs.options(cache).withWorkers(dag.workers()), counting);

        assertThat(violations).isEmpty();
        assertThat(runs.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(summary.tasks()).extracting(TaskOutcome::key).doesNotHaveDuplicates();
        assertThat(terminalEvents.values()).allMatch(c -> c == 1);
        assertThat(terminalEvents.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        summary.tasks().stream().map(TaskOutcome::key).toList());
        // Every root is needed, so every root has a status.
        for (TaskSpec s : specs) {
            boolean isRequirement =
                    Stream.of(specs).anyMatch(o -> o.requirements().contains(s));
            if (!isRequirement) {
                assertThat(terminalEvents).containsKey(s.key());
            }
        }
        boolean anyFailed = summary.tasks().stream().anyMatch(t -> t.status() == TaskStatus.FAILED);
        assertThat(summary.outcome()).isEqualTo(anyFailed ? RunOutcome.TASK_FAILURES : RunOutcome.SUCCESS);
    }

    /** A cacheable requirement may have been satisfied from an earlier round's target. */
    private static boolean cachedBefore(Path cache, TaskSpec spec) {
        return spec.family().cacheable() && Files.exists(cache.resolve(TargetPaths.relativePath(spec.key())));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
