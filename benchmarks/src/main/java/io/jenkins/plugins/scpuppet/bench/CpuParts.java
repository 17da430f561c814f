package io.jenkins.plugins.scpuppet.bench;

import java.util.Locale;
import java.util.Map;

/**
 * The sandbox deploy's CPU split by who spent it, from per-thread CPU time ({@link ThreadFamilies}): the stand-in
 * (its HTTP threads), the local S3 (S3Proxy's Jetty), the cache mirror's transfers, the JVM itself (GC and JIT, which
 * are not Java threads: the process's CPU less every thread's), and the deploy client (everything else: the engine's
 * workers and timers, the SDK, the main thread). Only the client's share runs on an agent against real AWS.
 */
record CpuParts(double client, double standIn, double localS3, double mirror, double jvm) {
    static CpuParts of(Map<String, Double> byFamily, double processSeconds) {
        double standIn = 0;
        double localS3 = 0;
        double mirror = 0;
        double client = 0;
        for (Map.Entry<String, Double> e : byFamily.entrySet()) {
            String f = e.getKey();
            double v = e.getValue();
            if (f.startsWith("aws-standin") || f.equals("HTTP-Dispatcher")) {
                standIn += v;
            } else if (f.startsWith("S3Proxy") || f.startsWith("qtp") || f.equals("Scheduler")) {
                localS3 += v;
            } else if (f.startsWith("puppet-mirror") || f.equals("cache-lease-renewer")) {
                mirror += v;
            } else if (!f.equals("thread-families-sampler")) {
                client += v;
            }
        }
        double jvm = Math.max(0, processSeconds - standIn - localS3 - mirror - client);
        return new CpuParts(client, standIn, localS3, mirror, jvm);
    }

    String describe(double wallSeconds) {
        return String.format(
                Locale.ROOT,
                "CPU by part: deploy client %.1f s (%.1f%% of 2 cores over the wall), stand-in %.1f s, local S3 %.1f s,"
                        + " cache mirror %.1f s, JVM (GC, JIT) %.1f s",
                client,
                100 * client / wallSeconds / 2,
                standIn,
                localS3,
                mirror,
                jvm);
    }
}
