package io.jenkins.plugins.scpuppet.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A step of the mirror benchmark run as a process of its own, start-up included: {@code bin/puppet cache ...} or
 * aws-cli, with the benchmark's credentials.
 */
final class ProcessStep {
    private ProcessStep() {}

    /**
     * Runs one command to its end and prints its wall time, start-up included, and the server's CPU meanwhile. Returns
     * what it printed (empty when it could not start).
     */
    static String run(String label, S3ProxyProcess server, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("AWS_ACCESS_KEY_ID", "AKIA" + MirrorBenchmark.ACCOUNT);
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "bench");
        pb.environment().put("AWS_REQUEST_CHECKSUM_CALCULATION", "when_required");
        MirrorBenchmark.settleDisk();
        CpuTime server0 = server.cpu();
        long requests0 = MirrorBenchmark.proxied();
        long t0 = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            System.out.println(label + ": " + command[0] + " not found, skipped");
            return "";
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        MirrorSummary.record(label, seconds, requests0 < 0 ? -1 : MirrorBenchmark.proxied() - requests0, code == 0);
        System.out.printf(
                Locale.ROOT,
                "%-50s %8.2f s  (CPU s: server %s)%s%s%n",
                label,
                seconds,
                server.cpu().minus(server0),
                MirrorBenchmark.requestsSince(requests0),
                code == 0 ? "" : "  (exit " + code + ": " + output.strip() + ")");
        return output;
    }

    /** {@code aws <args>} against {@code via}, run as {@link #run}. */
    static void aws(URI via, String label, S3ProxyProcess server, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "aws", "--endpoint-url", via.toString(), "--region", MirrorBenchmark.REGION, "--only-show-errors"));
        command.addAll(List.of(args));
        run(label, server, command.toArray(String[]::new));
    }

    static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
