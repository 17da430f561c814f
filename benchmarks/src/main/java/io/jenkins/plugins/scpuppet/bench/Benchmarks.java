package io.jenkins.plugins.scpuppet.bench;

import java.util.Arrays;

/** Entry point: {@code java -Xmx512m -jar benchmarks/target/benchmarks.jar engine|manifest|mirror|deploy|clients [options]}. */
public final class Benchmarks {
    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "engine" : args[0];
        String[] rest = args.length == 0 ? new String[0] : Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (which) {
                case "engine" -> EngineBenchmark.main(rest);
                case "manifest" -> ManifestBenchmark.main(rest);
                case "mirror" -> MirrorBenchmark.main(rest);
                case "mirror-warmup" -> MirrorBenchmark.warmUp(rest);
                case "save-after-deploy" -> SaveAfterDeploy.main(rest);
                case "deploy" -> DeployBenchmark.main(rest);
                case "clients" -> ClientHeapBenchmark.main(rest);
                default -> {
                    System.err.println(
                            "unknown benchmark '" + which + "'; choose: engine, manifest, mirror, deploy, clients");
                    System.exit(2);
                }
            }
        } finally {
            BenchKms.stop(); // the signing stand-in, if a mirror benchmark started one
        }
    }
}
