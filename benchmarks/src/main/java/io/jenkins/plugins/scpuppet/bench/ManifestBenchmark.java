package io.jenkins.plugins.scpuppet.bench;

import io.jenkins.plugins.scpuppet.engine.TaskGraph;
import io.jenkins.plugins.scpuppet.manifest.AccountResolver;
import io.jenkins.plugins.scpuppet.manifest.ExpandedManifest;
import io.jenkins.plugins.scpuppet.manifest.Expander;
import io.jenkins.plugins.scpuppet.manifest.ExpansionOptions;
import io.jenkins.plugins.scpuppet.manifest.Manifest;
import io.jenkins.plugins.scpuppet.manifest.ManifestLoader;
import io.jenkins.plugins.scpuppet.tasks.GraphOptions;
import io.jenkins.plugins.scpuppet.tasks.PuppetOperations;
import io.jenkins.plugins.scpuppet.tasks.TaskGraphBuilder;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Issue #4's benchmark: read, validate and expand the large sample manifest and build its task graph. The first
 * iteration is a cold JVM (what a CLI run pays); the rest show the warm cost.
 */
final class ManifestBenchmark {
    private ManifestBenchmark() {}

    static void main(String[] args) throws Exception {
        Path manifest = Path.of(args.length > 0 ? args[0] : "test-resources/manifests/large/manifest.yaml");
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        ExpansionOptions options = new ExpansionOptions(
                "111111111111", "eu-west-1", List.of("eu-west-1", "eu-west-2", "us-east-1", "us-west-2"));
        PuppetOperations noCalls = (PuppetOperations) Proxy.newProxyInstance(
                PuppetOperations.class.getClassLoader(), new Class<?>[] {PuppetOperations.class}, (p, m, a) -> {
                    throw new IllegalStateException("building a graph must not call AWS");
                });
        double[] totals = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            Manifest m = new ManifestLoader().load(manifest, "111111111111");
            long t1 = System.nanoTime();
            ExpandedManifest e = new Expander(AccountResolver.NONE).expand(m, options);
            long t2 = System.nanoTime();
            TaskGraph graph = TaskGraph.of(TaskGraphBuilder.roots(e, noCalls, GraphOptions.DEFAULT));
            long t3 = System.nanoTime();
            totals[i] = (t3 - t0) / 1e6;
            if (i == 0 || i == iterations - 1) {
                System.out.printf(
                        Locale.ROOT,
                        "%s: read+validate %6.1f ms, expand %6.1f ms, graph %6.1f ms, total %7.1f ms, %,d tasks%n",
                        i == 0 ? "cold (first in this JVM)" : "warm (last)",
                        (t1 - t0) / 1e6,
                        (t2 - t1) / 1e6,
                        (t3 - t2) / 1e6,
                        totals[i],
                        graph.size());
            }
        }
        double[] warm = Arrays.copyOfRange(totals, 1, iterations);
        Arrays.sort(warm);
        System.out.printf(Locale.ROOT, "warm median over %d iterations: %.1f ms%n", warm.length, warm[warm.length / 2]);
    }
}
