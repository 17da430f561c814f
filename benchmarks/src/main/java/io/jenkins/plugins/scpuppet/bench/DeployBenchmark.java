package io.jenkins.plugins.scpuppet.bench;

import io.jenkins.plugins.scpuppet.config.SsmConfigStore;
import io.jenkins.plugins.scpuppet.deploy.DeployRequest;
import io.jenkins.plugins.scpuppet.deploy.DeployResult;
import io.jenkins.plugins.scpuppet.deploy.Deployment;
import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import io.jenkins.plugins.scpuppet.sandbox.Sandbox;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * {@code deploy [manifest] [workers]}: a sandbox deploy as {@code puppet deploy --sandbox} runs it (stand-in and local
 * S3 in this JVM, cache mirrored, 10 workers), of the large manifest by default. Prints the deploy's wall time, its
 * tasks, the calls made to the AWS stand-in, the process's CPU seconds (client and stand-in together) and the peak of
 * live threads, with the thread-name families present at the sampled peak. Seeding the sandbox is not timed.
 */
final class DeployBenchmark {
    static final String ACCOUNT = "111111111111";
    static final String REGION = "eu-west-1";

    private DeployBenchmark() {}

    static void main(String[] args) throws Exception {
        Path manifest = Path.of(args.length > 0 ? args[0] : "test-resources/manifests/large/manifest.yaml");
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path work = Files.createTempDirectory("deploy-bench");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Sandbox box = Sandbox.forManifest(manifest, ACCOUNT, REGION);
                ThreadFamilies families = ThreadFamilies.sampleEvery(200)) {
            AtomicLong calls = new AtomicLong();
            box.clients().intercept(new ExecutionInterceptor() {
                @Override
                public void beforeExecution(Context.BeforeExecution c, ExecutionAttributes a) {
                    calls.incrementAndGet();
                }
            });
            String loadBefore = loadAverage();
            threads.resetPeakThreadCount();
            families.reset();
            CpuTime cpu0 = CpuTime.self();
            long t0 = System.nanoTime();
            DeployResult deployed = new Deployment(
                            box.clients(), new SsmConfigStore(box.clients().ssm(ACCOUNT, REGION)), line -> {})
                    .deploy(
                            new DeployRequest(manifest, ACCOUNT, REGION, work, work, workers, true, false, "benchmark"),
                            RunListener.NONE);
            double wall = (System.nanoTime() - t0) / 1e9;
            CpuTime cpu = CpuTime.self().minus(cpu0);
            RunSummary s = deployed.summary();
            System.out.printf(
                    Locale.ROOT,
                    "sandbox deploy of %s, %d workers (nodelay=%s): %s in %.1f s wall; %,d tasks (%,d executed,"
                            + " %,d failed); %,d AWS calls to the stand-in; CPU %s s; peak live threads %,d"
                            + " (baseline before the deploy %,d)%n",
                    manifest,
                    workers,
                    System.getProperty("sun.net.httpserver.nodelay"),
                    s.outcome(),
                    wall,
                    s.tasks().size(),
                    s.count(TaskStatus.EXECUTED),
                    s.count(TaskStatus.FAILED),
                    calls.get(),
                    cpu,
                    threads.getPeakThreadCount(),
                    families.baseline());
            System.out.println("thread families at the sampled peak: " + families.atPeak());
            System.out.println("load average (1, 5, 15 min) before: " + loadBefore + "; after: " + loadAverage());
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The machine's load average, from /proc (other processes share these cores); "n/a" elsewhere. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException notLinux) {
            return "n/a";
        }
    }
}
