package io.jenkins.plugins.scpuppet.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Another JVM running this benchmark jar: for work that must not share this JVM's JIT or heap (the server, its
 * warm-up clients, a save in a fresh JVM).
 */
final class BenchmarkJvm {
    private BenchmarkJvm() {}

    /**
     * Runs {@code benchmarks.jar <args>} with the given heap to its end, its output inherited; fails, naming {@code
     * what}, when it exits non-zero.
     */
    static void run(String maxHeap, String what, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + maxHeap, "-jar", jar()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException(what + " failed (exit " + p.exitValue() + ")");
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This benchmark jar, which also holds S3Proxy and its Main. */
    static String jar() {
        return Path.of(BenchmarkJvm.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .getPath())
                .toString();
    }
}
