package io.jenkins.plugins.scpuppet.bench;

import java.util.Arrays;

/** Entry point: {@code java -Xmx512m -jar benchmarks/target/benchmarks.jar engine|manifest|mirror|deploy|clients|calls [options]}. */
public final class Benchmarks {
    private Benchmarks() {}

    /**
     * Runs one benchmark and stops what it started. On failure it prints the first error (a failed clean-up attached
     * as suppressed) and exits 1 at once: a thread left running must not keep the JVM, and the benchmark lock its
     * caller holds, alive.
     */
    public static void main(String[] args) {
        String which = args.length == 0 ? "engine" : args[0];
        String[] rest = args.length == 0 ? new String[0] : Arrays.copyOfRange(args, 1, args.length);
        try {
            // BenchKms: the signing stand-in, if a mirror benchmark started one.
            Cleanup.after(() -> run(which, rest), BenchKms::stop);
        } catch (Throwable t) {
            t.printStackTrace();
            System.err.println("benchmark '" + which + "' failed: exit 1");
            System.exit(1);
        }
    }

    private static void run(String which, String[] rest) throws Exception {
        switch (which) {
            case "engine" -> EngineBenchmark.main(rest);
            case "manifest" -> ManifestBenchmark.main(rest);
            case "mirror" -> MirrorBenchmark.main(rest);
            case "mirror-warmup" -> MirrorBenchmark.warmUp(rest);
            case "save-after-deploy" -> SaveAfterDeploy.main(rest);
            case "deploy" -> DeployBenchmark.main(rest);
            case "clients" -> ClientHeapBenchmark.main(rest);
            case "calls" -> CallCostBenchmark.main(rest);
            case "bare-sdk" -> BareSdkTransfers.main(rest);
            default -> {
                System.err.println(
                        "unknown benchmark '" + which + "'; choose: engine, manifest, mirror, deploy, clients, calls");
                System.exit(2);
            }
        }
    }
}
