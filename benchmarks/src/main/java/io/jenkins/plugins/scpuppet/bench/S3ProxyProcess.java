package io.jenkins.plugins.scpuppet.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * S3Proxy (in-memory store) in a JVM of its own, so the server neither shares a heap and JIT with the client under
 * test nor favours whichever client runs second: both talk to the same separate process over loopback.
 */
final class S3ProxyProcess implements AutoCloseable {
    private final Process process;
    private final URI endpoint;
    private final Path work;

    private S3ProxyProcess(Process process, URI endpoint, Path work) {
        this.process = process;
        this.endpoint = endpoint;
        this.work = work;
    }

    static S3ProxyProcess start(Path work) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path properties = work.resolve("s3proxy.properties");
        Files.write(
                properties,
                List.of(
                        "s3proxy.endpoint=http://127.0.0.1:" + port,
                        "s3proxy.authorization=none",
                        "s3proxy.ignore-unknown-headers=true",
                        "jclouds.provider=transient-nio2",
                        "jclouds.identity=bench",
                        "jclouds.credential=bench"));
        Process p = new ProcessBuilder(
                        BenchmarkJvm.java(),
                        "-Xmx512m",
                        "-cp",
                        BenchmarkJvm.jar(),
                        "org.gaul.s3proxy.Main",
                        "--properties",
                        properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("s3proxy.log").toFile())
                .start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException notYet) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IOException("S3Proxy did not start; see " + work.resolve("s3proxy.log"));
                }
                Thread.sleep(50); // polling a child process's port: there is nothing to wait on instead
            }
        }
        return new S3ProxyProcess(p, URI.create("http://127.0.0.1:" + port), work);
    }

    URI endpoint() {
        return endpoint;
    }

    long pid() {
        return process.pid();
    }

    /** CPU time the server process has used so far. */
    CpuTime cpu() {
        return CpuTime.of(pid());
    }

    /**
     * Warms the server up until its CPU per warm-up round stops falling by more than a fifth (at most six rounds):
     * S3Proxy keeps compiling for two or three rounds of 10,000 objects, and a server still compiling makes whichever
     * client it serves first look slow. Each round is {@code benchmarks.jar mirror-warmup} in another JVM, so only the
     * server gets warm; each prints what the server used.
     */
    void warmUp(int files) throws IOException, InterruptedException {
        double previous = Double.MAX_VALUE;
        for (int round = 1; round <= 6; round++) {
            CpuTime before = cpu();
            long t0 = System.nanoTime();
            warmUpOnce(files);
            CpuTime used = cpu().minus(before);
            System.out.printf(
                    Locale.ROOT,
                    "server warm-up round %d: %.1f s, server CPU s %s%n",
                    round,
                    (System.nanoTime() - t0) / 1e9,
                    used);
            double total = used.user() + used.system();
            if (total > previous * 0.8) {
                return;
            }
            previous = total;
        }
    }

    private void warmUpOnce(int files) throws IOException, InterruptedException {
        BenchmarkJvm.run(
                "512m",
                "server warm-up",
                "mirror-warmup",
                endpoint.toString(),
                Integer.toString(files),
                work.toString());
    }

    /** Stops the server, forcibly if it has not stopped 30 s after being asked: a failed run must end promptly. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
