package io.jenkins.plugins.scpuppet.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Samples the live threads of this JVM on a timer and keeps the sample with the most threads, counted by family (the
 * name without its trailing number: {@code sdk-ScheduledExecutor-12-3} is family {@code sdk-ScheduledExecutor}). The
 * exact peak count comes from ThreadMXBean; this says what the threads at (about) the peak were.
 */
final class ThreadFamilies implements AutoCloseable {
    private final Thread sampler;
    private volatile Map<String, Integer> peak = Map.of();
    private volatile int peakTotal;
    private volatile int baseline;
    /** CPU time per thread id at the reset, and per thread seen since: its family and CPU time at its last sample. */
    private final Map<Long, Long> cpuAtReset = new HashMap<>();

    private final Map<Long, Sampled> cpuByThread = new HashMap<>();

    private record Sampled(String family, long cpuNanos) {}

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private ThreadFamilies(long millis) {
        sampler = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        sample();
                        try {
                            Thread.sleep(millis); // a sampling period, not synchronisation
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "thread-families-sampler");
        sampler.setDaemon(true);
    }

    static ThreadFamilies sampleEvery(long millis) {
        ThreadFamilies f = new ThreadFamilies(millis);
        f.sampler.start();
        return f;
    }

    /** Forgets the peak so far; the live count now becomes the baseline. */
    synchronized void reset() {
        peak = Map.of();
        peakTotal = 0;
        baseline = live().length;
        cpuByThread.clear();
        cpuAtReset.clear();
        for (Thread t : live()) {
            cpuAtReset.put(t.getId(), Math.max(0, MX.getThreadCpuTime(t.getId())));
        }
    }

    /**
     * CPU seconds per family since the reset, sampled: a thread's last sampling period before it ended is missed. The
     * JVM's own GC and compiler threads are not Java threads and are not here.
     */
    synchronized Map<String, Double> cpuSeconds() {
        sample();
        Map<String, Double> out = new TreeMap<>();
        cpuByThread.forEach(
                (id, s) -> out.merge(s.family(), (s.cpuNanos() - cpuAtReset.getOrDefault(id, 0L)) / 1e9, Double::sum));
        return out;
    }

    int baseline() {
        return baseline;
    }

    /** Families at the largest sample, largest first, as {@code name=count, ...}. */
    String atPeak() {
        return peak.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", "[total " + peakTotal + ": ", "]"));
    }

    private synchronized void sample() {
        Thread[] threads = live();
        for (Thread t : threads) {
            long cpu = MX.getThreadCpuTime(t.getId());
            if (cpu >= 0) {
                cpuByThread.put(t.getId(), new Sampled(family(t), cpu));
            }
        }
        if (threads.length <= peakTotal) {
            return;
        }
        Map<String, Integer> families = new TreeMap<>();
        for (Thread t : threads) {
            families.merge(family(t), 1, Integer::sum);
        }
        peak = families;
        peakTotal = threads.length;
    }

    private static String family(Thread t) {
        return t.getName().replaceAll("[-_ #]*\\d+([-_ #]*\\d+)*$", "");
    }

    /** The live threads, without taking their stacks (Thread.getAllStackTraces would, for thousands of threads). */
    private static Thread[] live() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] all = new Thread[root.activeCount() * 2 + 16];
        int n = root.enumerate(all, true);
        return Arrays.copyOf(all, n);
    }

    @Override
    public void close() {
        sampler.interrupt();
    }
}
