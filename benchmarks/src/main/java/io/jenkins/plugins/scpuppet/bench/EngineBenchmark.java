package io.jenkins.plugins.scpuppet.bench;

import io.jenkins.plugins.scpuppet.engine.Engine;
import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.RunOptions;
import io.jenkins.plugins.scpuppet.engine.RunOutcome;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskGraph;
import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The engine benchmark of issue #3: cold runs writing targets, a fully cached run, and scheduling alone, with tasks/s
 * and peak heap, plus the raw small-file write rate of this disk measured in the same run.
 */
final class EngineBenchmark {
    private static final int REPEATS = 3;

    private EngineBenchmark() {}

    static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path work = Files.createTempDirectory("scpuppet-bench");
        System.out.printf(
                Locale.ROOT,
                "engine benchmark: ~%,d tasks, %d workers, max heap %d MB, %d cores%n",
                size,
                workers,
                Heap.maxMb(),
                Runtime.getRuntime().availableProcessors());
        try {
            warmUp(work, workers);
            schedulingAlone(work, workers, size);
            for (int i = 0; i < REPEATS; i++) {
                rawWriteRates(work.resolve("raw-" + i), 20_000);
                Path cache = work.resolve("cache-" + i);
                measure("cold, puppet shape", PuppetShapedDag.build(size, false), base(cache, workers));
                measure("fully cached, puppet shape", PuppetShapedDag.build(size, false), base(cache, workers));
                Path all = work.resolve("all-" + i);
                measure("cold, every task its own target file", PuppetShapedDag.build(size, true), base(all, workers));
                deleteTree(cache);
                deleteTree(all);
            }
        } finally {
            deleteTree(work);
        }
    }

    private static RunOptions base(Path cache, int workers) {
        return RunOptions.defaults(cache).withWorkers(workers);
    }

    private static void warmUp(Path work, int workers) throws Exception {
        for (int i = 0; i < 3; i++) {
            Path cache = work.resolve("warm");
            Engine.run(PuppetShapedDag.build(20_000, false), base(cache, workers), RunListener.NONE);
            Engine.run(PuppetShapedDag.build(20_000, false), base(cache, workers), RunListener.NONE);
            deleteTree(cache);
        }
    }

    /**
     * Scheduling alone at 1k, 10k and 100k tasks. Small runs are repeated (about 300k tasks per size), so thread start-up
     * and timer resolution do not dominate; the median and best of the repetitions are printed.
     */
    private static void schedulingAlone(Path work, int workers, int max) throws Exception {
        for (int n = 1_000; n <= max; n *= 10) {
            List<TaskSpec> roots = PuppetShapedDag.build(n, false);
            int size = TaskGraph.of(roots).size();
            int runs = Math.max(5, 300_000 / size);
            double[] rates = new double[runs];
            Heap.reset();
            for (int i = 0; i < runs; i++) {
                RunOptions opts = base(work.resolve("sched"), workers)
                        .withWriteTargets(false)
                        .withCaching(false);
                long t0 = System.nanoTime();
                RunSummary summary = Engine.run(roots, opts, RunListener.NONE);
                rates[i] = size / ((System.nanoTime() - t0) / 1e9);
                if (summary.outcome() != RunOutcome.SUCCESS) {
                    throw new IllegalStateException("scheduling run failed: " + summary.outcome());
                }
            }
            Arrays.sort(rates);
            System.out.printf(
                    Locale.ROOT,
                    "%-40s %,8d tasks x %4d runs: median %,10.0f tasks/s, best %,10.0f tasks/s  peak heap %4d MB%n",
                    "scheduling alone (no target writes)",
                    size,
                    runs,
                    rates[runs / 2],
                    rates[runs - 1],
                    Heap.peakMb());
        }
    }

    private static void measure(String label, List<TaskSpec> roots, RunOptions options) throws Exception {
        int graphSize = TaskGraph.of(roots).size();
        Heap.reset();
        long t0 = System.nanoTime();
        RunSummary summary = Engine.run(roots, options, RunListener.NONE);
        long nanos = System.nanoTime() - t0;
        if (summary.outcome() != RunOutcome.SUCCESS) {
            String firstError = summary.tasks().stream()
                    .filter(t -> t.status() == TaskStatus.FAILED)
                    .map(t -> t.key().id() + ": " + t.errorCode() + " " + t.errorMessage())
                    .findFirst()
                    .orElse(String.valueOf(summary.error()));
            throw new IllegalStateException(label + " did not succeed: " + summary.outcome() + ", " + firstError);
        }
        double seconds = nanos / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%-40s %,8d tasks (%,d run/checked, %,d cached, %,d pruned) %7.3f s %,10.0f tasks/s  peak heap %4d MB%n",
                label,
                graphSize,
                summary.tasks().size(),
                summary.count(TaskStatus.CACHED),
                summary.prunedByCache(),
                seconds,
                graphSize / seconds,
                Heap.peakMb());
    }

    /** Single-threaded rates for this disk right now: plain creates, and temp file plus atomic rename. */
    private static void rawWriteRates(Path dir, int files) throws IOException {
        byte[] payload = new byte[300];
        Files.createDirectories(dir.resolve("plain"));
        Files.createDirectories(dir.resolve("atomic"));
        long t0 = System.nanoTime();
        for (int i = 0; i < files; i++) {
            Files.write(dir.resolve("plain").resolve(i + ".json"), payload);
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < files; i++) {
            Path temp = dir.resolve("atomic").resolve("." + i + ".tmp");
            Files.write(temp, payload);
            Files.move(temp, dir.resolve("atomic").resolve(i + ".json"), StandardCopyOption.ATOMIC_MOVE);
        }
        long t2 = System.nanoTime();
        System.out.printf(
                Locale.ROOT,
                "raw disk, 1 thread, %,d files of 300 B: create %,.0f files/s, " + "temp+rename %,.0f files/s%n",
                files,
                files / ((t1 - t0) / 1e9),
                files / ((t2 - t1) / 1e9));
        deleteTree(dir);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
