package io.jenkins.plugins.scpuppet.bench;

import io.jenkins.plugins.scpuppet.aws.CallPacer;
import io.jenkins.plugins.scpuppet.config.SsmConfigStore;
import io.jenkins.plugins.scpuppet.deploy.DeployRequest;
import io.jenkins.plugins.scpuppet.deploy.DeployResult;
import io.jenkins.plugins.scpuppet.deploy.Deployment;
import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskKey;
import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import io.jenkins.plugins.scpuppet.sandbox.Sandbox;
import io.jenkins.plugins.scpuppet.standin.LatencyModel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code deploy [manifest] [workers] [latency-model] [ours|upstream|both]}: a sandbox deploy as {@code puppet deploy
 * --sandbox} runs it (stand-in and local S3 in this JVM, cache mirrored), of the large manifest by default, with the
 * stand-in's latency model ({@code default}: 50 ms a call, 2 s a provision or stack operation, 20 calls a second per
 * account, region and service). "ours" waits on AWS without holding a worker; "upstream" holds a worker while it
 * polls (10 workers, as upstream). Prints wall time, calls per operation, throttles and retries, peak live threads,
 * CPU seconds, and for "ours" the DAG lower bound ({@link LowerBound}) and the ratio. Seeding is not timed.
 * The client paces as against AWS, learning the model's limits from throttling; {@code -Dpacer=fixed} tells it the
 * limits instead. {@code -Ddeploy.keep=true} keeps the run's folder (its run-report.json has every task's times).
 * {@code -Ddeploy.rounds=N} deploys N times in this JVM, each into a fresh sandbox: the rounds after the first measure
 * a warm JVM, as a long-lived Jenkins agent runs the deploy.
 */
final class DeployBenchmark {
    static final String ACCOUNT = "111111111111";
    static final String REGION = "eu-west-1";

    private DeployBenchmark() {}

    static void main(String[] args) throws Exception {
        Path manifest = Path.of(args.length > 0 ? args[0] : "test-resources/manifests/large/manifest.yaml");
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        LatencyModel model = LatencyModel.parse(args.length > 2 ? args[2] : "default");
        String which = args.length > 3 ? args[3] : "both";
        // Rounds after the first run in a JVM that has deployed before, as a Jenkins agent's does: JIT and SDK warm.
        int rounds = Integer.getInteger("deploy.rounds", 1);
        for (int round = 1; round <= rounds && (which.equals("ours") || which.equals("both")); round++) {
            if (rounds > 1) {
                System.out.printf(
                        Locale.ROOT, "round %d of %d (%s JVM)%n", round, rounds, round == 1 ? "a fresh" : "a warm");
            }
            run(manifest, workers, model, false);
        }
        if (which.equals("upstream") || which.equals("both")) {
            run(manifest, 10, model, true);
        }
    }

    private static void run(Path manifest, int workers, LatencyModel model, boolean upstream) throws Exception {
        Path work = Files.createTempDirectory("deploy-bench");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Sandbox box = Sandbox.forManifest(manifest, ACCOUNT, REGION);
                ThreadFamilies families = ThreadFamilies.sampleEvery(200)) {
            box.latencyModel(model);
            if ("fixed".equals(System.getProperty("pacer")) && model.rateLimited()) {
                // Told the model's limits: 97% of its rate, 90% of its burst (the sandbox, as against AWS, learns
                // them).
                box.clients().pace(new CallPacer(model.ratePerSecond() * 0.97, Math.max(1, model.burst() * 9 / 10)));
            }
            box.clients().pacer().holdWorkers(upstream);
            CallCounts calls = new CallCounts();
            box.clients().intercept(calls);
            String loadBefore = loadAverage();
            threads.resetPeakThreadCount();
            families.reset();
            long throttled0 = box.standIn().throttledCalls();
            CpuTime cpu0 = CpuTime.self();
            long t0 = System.nanoTime();
            AtomicReference<List<TaskSpec>> roots = new AtomicReference<>();
            DeployResult deployed = new Deployment(
                            box.clients(),
                            new SsmConfigStore(box.clients().ssm(ACCOUNT, REGION)),
                            // The deploy's own lines (restore, save), timed from the start: where the wall goes.
                            line -> System.out.printf(
                                    Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - t0) / 1e9, line))
                    .waitingHoldsWorker(upstream)
                    .onGraph(roots::set)
                    .deploy(
                            new DeployRequest(manifest, ACCOUNT, REGION, work, work, workers, true, false, "benchmark"),
                            RunListener.NONE);
            double wall = (System.nanoTime() - t0) / 1e9;
            CpuTime cpu = CpuTime.self().minus(cpu0);
            RunSummary s = deployed.summary();
            long throttled = box.standIn().throttledCalls() - throttled0;
            System.out.printf(
                    Locale.ROOT,
                    "%s model, %s, %d workers, latency %d ms/call %d ms/provision %d ms/stack %.0f calls/s burst %d:"
                            + " %s in %.1f s wall; %,d tasks (%,d executed, %,d failed); %,d AWS calls, %,d throttled"
                            + " (%.2f%%), %,d SDK retries, %,d paced (%,d gave their worker back); CPU %s s (%.1f%% of"
                            + " 2 cores); peak live threads %,d (baseline %,d)%n",
                    upstream ? "upstream (worker held while polling)" : "ours (waiting holds no worker)",
                    manifest,
                    workers,
                    model.callMillis(),
                    model.provisionMillis(),
                    model.stackMillis(),
                    model.ratePerSecond(),
                    model.burst(),
                    s.outcome(),
                    wall,
                    s.tasks().size(),
                    s.count(TaskStatus.EXECUTED),
                    s.count(TaskStatus.FAILED),
                    calls.total(),
                    throttled,
                    100.0 * throttled / Math.max(1, calls.total()),
                    box.clients().sdkRetries(),
                    box.clients().pacer().pacedCalls(),
                    box.clients().pacer().restarts(),
                    cpu,
                    100.0 * (cpu.user() + cpu.system()) / wall / 2,
                    threads.getPeakThreadCount(),
                    families.baseline());
            System.out.println("calls per operation: " + calls.perOperation());
            Map<String, Double> learnt = box.clients().pacer().learntRates();
            if (!learnt.isEmpty()) {
                System.out.printf(
                        Locale.ROOT,
                        "the adaptive pacer slowed %d keys, to %.1f-%.1f calls/s%n",
                        learnt.size(),
                        Collections.min(learnt.values()),
                        Collections.max(learnt.values()));
            }
            System.out.println("thread families at the sampled peak: " + families.atPeak());
            System.out.println(CpuParts.of(families.cpuSeconds(), cpu.user() + cpu.system())
                    .describe(wall));
            Map.Entry<String, Long> busiest = box.standIn().callsPerKey().entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .orElse(Map.entry("-", 0L));
            RateBound.Busiest rate =
                    RateBound.of(box.standIn().callsPerKeyAndOperation(), model.ratePerSecond(), model.burst());
            System.out.printf(
                    Locale.ROOT,
                    "busiest key %s: %,d calls (polls included); rate bound: %s must receive %,d calls (one poll per"
                            + " wait), %.1f s at %.0f calls/s after a burst of %d%n",
                    busiest.getKey(),
                    busiest.getValue(),
                    rate.key(),
                    rate.unavoidableCalls(),
                    rate.seconds(),
                    model.ratePerSecond(),
                    model.burst());
            System.out.println("its calls: "
                    + new TreeMap<>(box.standIn().callsPerKeyAndOperation())
                            .entrySet().stream()
                                    .filter(e -> e.getKey().startsWith(rate.key() + " "))
                                    .map(e -> e.getKey().substring(rate.key().length() + 1) + "=" + e.getValue())
                                    .toList());
            // The hub's keys carry the shares every spoke waits for: what else competes for their rate shows here.
            System.out.println("the hub's calls: "
                    + new TreeMap<>(box.standIn().callsPerKeyAndOperation())
                            .entrySet().stream()
                                    .filter(e -> e.getKey().startsWith(ACCOUNT + "/"))
                                    .map(e -> e.getKey() + "=" + e.getValue())
                                    .toList());
            double runWall = s.wallMillis() / 1e3;
            System.out.printf(
                    Locale.ROOT,
                    "of the wall: the task graph ran %.1f s; loading, restoring, reports and the cache save %.1f s%n",
                    runWall,
                    wall - runWall);
            if (!upstream) {
                // The named resources each task held in this run, dynamic tasks (keyed by ids made in the run) too.
                Map<TaskKey, List<String>> held = new HashMap<>();
                s.tasks().forEach(t -> held.put(t.key(), t.resources()));
                Function<TaskKey, List<String>> resources = key -> held.getOrDefault(key, List.of());
                StaticGraph graph = StaticGraph.of(roots.get());
                double dag = LowerBound.makespan(
                                s.tasks(),
                                RunDag.of(s.tasks(), graph::staticRequirements),
                                key -> lowerBoundMillis(calls, key, model),
                                resources,
                                r -> 1)
                        / 1e3;
                double paced = PacedBound.makespan(
                                s.tasks(),
                                RunDag.of(s.tasks(), graph::staticRequirements),
                                key -> PacedBound.steps(calls.sequence(key), model),
                                resources,
                                model)
                        / 1e3;
                double bound = Math.max(paced, Math.max(dag, rate.seconds()));
                System.out.println(ChainLoss.describe(ChainLoss.of(
                        s.tasks(), s.startedAtMillis(), key -> lowerBoundMillis(calls, key, model), resources)));
                System.out.printf(
                        Locale.ROOT,
                        "lower bound %.1f s: the DAG simulated with the rate limits %.1f s (without them %.1f s; the"
                                + " busiest key alone %.1f s); task graph / bound = %.2f; wall / bound = %.2f%n",
                        bound,
                        paced,
                        dag,
                        rate.seconds(),
                        runWall / bound,
                        wall / bound);
            }
            System.out.println("load average (1, 5, 15 min) before: " + loadBefore + "; after: " + loadAverage());
        } finally {
            if (Boolean.getBoolean("deploy.keep")) {
                System.out.println("kept the run's folder (its run-report.json has every task's times): " + work);
            } else {
                try (Stream<Path> files = Files.walk(work)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /**
     * A task's least duration under the model: its calls other than polls, one poll per wait, each at the call
     * latency, plus the provisioning time per record it waited on and the stack time per stack operation it waited on.
     */
    static long lowerBoundMillis(CallCounts calls, TaskKey key, LatencyModel model) {
        long polls = WaitOperations.POLLED.keySet().stream()
                .mapToLong(op -> calls.calls(key, op))
                .sum();
        long records = calls.calls(key, "ProvisionProduct")
                + calls.calls(key, "UpdateProvisionedProduct")
                + calls.calls(key, "TerminateProvisionedProduct");
        long stacks =
                calls.calls(key, "CreateStack") + calls.calls(key, "UpdateStack") + calls.calls(key, "DeleteStack");
        long recordWaits = Math.min(records, calls.calls(key, "DescribeRecord"));
        long stackWaits = Math.min(stacks, calls.calls(key, "DescribeStacks"));
        long callCount = calls.calls(key) - polls + recordWaits + stackWaits;
        return callCount * model.callMillis()
                + recordWaits * model.provisionMillis()
                + stackWaits * model.stackMillis();
    }

    /** The machine's load average, from /proc (other processes share these cores); "n/a" elsewhere. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException notLinux) {
            return "n/a";
        }
    }
}
