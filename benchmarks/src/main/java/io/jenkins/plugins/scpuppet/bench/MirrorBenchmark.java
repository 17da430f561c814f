package io.jenkins.plugins.scpuppet.bench;

import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.aws.AwsSettings;
import io.jenkins.plugins.scpuppet.mirror.CacheBucket;
import io.jenkins.plugins.scpuppet.mirror.CacheMirror;
import io.jenkins.plugins.scpuppet.mirror.MirrorOptions;
import io.jenkins.plugins.scpuppet.mirror.MirrorResult;
import io.jenkins.plugins.scpuppet.mirror.S3Store;
import io.jenkins.plugins.scpuppet.standin.FaultProxy;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Issue #6's benchmark: the cache mirror against {@code aws s3 sync} / {@code aws s3 rm --recursive} on the same local
 * S3 server and the same 10,000 target files of about 300 bytes. The server (S3Proxy, in memory) runs in its own JVM
 * and is warmed up by another process first, so neither client pays for the server's JIT. Ours is measured four
 * ways: round 1 in this fresh JVM (JIT included), round 2 in the same, now warm JVM (a long-lived Jenkins agent), a
 * cold save in another fresh JVM right after a deploy (as the product meets it), then as {@code bin/puppet cache ...}
 * processes with start-up included, the way aws-cli is measured. Beside them, the floor: a plain SDK client in a
 * process of its own making only the cold save's PUTs and the restore's GETs ({@link BareSdkTransfers}). Every line
 * says how much CPU the client and the server used. With {@code --latency-ms N} and/or {@code --slowdown F} every
 * measured client, ours and aws-cli alike, reaches the server through the project's {@link FaultProxy}, which adds N
 * ms to every request and answers the fraction F of them {@code 503 SlowDown} (issue #19); with {@code --rate-limit
 * R}, the requests beyond R a second are answered {@code 503 SlowDown} too, as S3 throttles a busy prefix. The warm-up
 * goes straight to the server. It ends with a table of every step against {@code aws s3 sync} ({@link
 * MirrorSummary}).
 */
final class MirrorBenchmark {
    static final String ACCOUNT = "111111111111";
    static final String REGION = "eu-west-1";
    private static final String CLI_BUCKET = "aws-cli-bucket";
    /** Requests the fault proxy has seen so far, or -1 without one: each step prints how many it made. */
    private static LongSupplier proxied = () -> -1;

    static long proxied() {
        return proxied.getAsLong();
    }

    private MirrorBenchmark() {}

    static void main(String[] args) throws Exception {
        MirrorSummary.start();
        Path work = Files.createTempDirectory("scpuppet-mirror-bench");
        // The folder is deleted after a failure too, and a failure to delete it never hides that one.
        Cleanup.after(() -> measure(args, work), () -> EngineBenchmark.deleteTree(work));
    }

    private static void measure(String[] args, Path work) throws Exception {
        List<String> options = List.of(args);
        int files = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 10_000;
        boolean withCli = !options.contains("--no-aws-cli");
        boolean afterDeploy = !options.contains("--no-deploy");
        long latencyMs = Long.parseLong(option(options, "--latency-ms", "0"));
        double slowDown = Double.parseDouble(option(options, "--slowdown", "0"));
        double rateLimit = Double.parseDouble(option(options, "--rate-limit", "0"));
        try (S3ProxyProcess server = S3ProxyProcess.start(work);
                FaultProxy faults = latencyMs > 0 || slowDown > 0 || rateLimit > 0
                        ? FaultProxy.start(server.endpoint(), 512)
                        : null) {
            System.out.printf(
                    Locale.ROOT,
                    "mirror benchmark: %,d targets, S3Proxy 4.1.0 (in memory, own JVM) at %s, %d cores%n",
                    files,
                    server.endpoint(),
                    Runtime.getRuntime().availableProcessors());
            server.warmUp(files); // as many objects as measured, until the server's CPU per round settles
            // Every client measured below, ours and aws-cli alike, goes through the fault proxy when one is asked for.
            URI via = faults == null ? server.endpoint() : faults.endpoint();
            if (faults != null) {
                faults.latency(Duration.ofMillis(latencyMs)).throttle(slowDown, 0, 19);
                if (rateLimit > 0) {
                    faults.rateLimit(rateLimit);
                }
                proxied = faults::requests;
                System.out.printf(
                        Locale.ROOT,
                        "through the fault proxy at %s: %d ms added to every request, %.0f%% answered 503 SlowDown,"
                                + " %s%n",
                        via,
                        latencyMs,
                        slowDown * 100,
                        rateLimit > 0 ? "over " + rateLimit + " requests/s answered 503 SlowDown" : "no rate limit");
            }
            Path source = work.resolve("source");
            List<Path> targets = makeTargets(source, files);
            try (AwsClients clients = new AwsClients(settings(via))) {
                for (int round = 1; round <= 2; round++) {
                    String label = round == 1 ? "ours (fresh JVM)" : "ours (warm JVM)";
                    CacheBucket bucket = bucket(clients, "sc-puppet-caching-bucket-" + ACCOUNT + "-" + round);
                    try (CacheMirror mirror = mirror(clients, bucket)) {
                        forgetMemos(source);
                        time(server, label + ": cold save", () -> mirror.save(source, "bench"));
                        time(server, label + ": save, no change", () -> mirror.save(source, "bench"));
                        change(targets, files / 100);
                        time(server, label + ": save, 1% changed", () -> mirror.save(source, "bench"));
                        Path into = work.resolve("restored-" + round);
                        time(server, label + ": restore into an empty folder", () -> mirror.restore(into));
                        RestoredTree.check(label, source, targets, into);
                        time(server, label + ": purge everything", () -> mirror.purgeAll(false));
                        System.out.println(label + ": " + mirror.pacing());
                    }
                }
                clients.s3(REGION).createBucket(b -> b.bucket(CLI_BUCKET));
                clients.s3(REGION)
                        .createBucket(
                                b -> b.bucket(CacheBucket.of(ACCOUNT, REGION).name()));
            }
            if (afterDeploy) {
                saveAfterDeploy(server, via, work, source);
            }
            puppetCli(server, via, work, source, targets, files);
            bareSdk(server, via, source);
            if (withCli) {
                awsCli(server, via, work, source, targets, files);
            }
            if (faults != null) {
                System.out.printf(
                        Locale.ROOT,
                        "fault proxy: %,d requests, %,d answered SlowDown (%,d of them over the rate limit)%n",
                        faults.requests(),
                        faults.slowDowns(),
                        faults.overRate());
            }
            MirrorSummary.print(args, latencyMs, MirrorOptions.DEFAULT.parallelism());
        }
    }

    /** The value after {@code name} in the options, or the default when it is not given. */
    private static String option(List<String> options, String name, String otherwise) {
        int at = options.indexOf(name);
        if (at < 0) {
            return otherwise;
        }
        if (at + 1 >= options.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return options.get(at + 1);
    }

    /** {@code mirror-warmup <endpoint> <files> <folder>}: a save, restore and purge cycle run only to warm the server up. */
    static void warmUp(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        int files = Integer.parseInt(args[1]);
        // Inside the benchmark's own folder, deleted only when the benchmark ends (see settleDisk).
        Path work = Files.createTempDirectory(Path.of(args[2]), "warm-up");
        try (AwsClients clients = new AwsClients(settings(endpoint))) {
            Path source = work.resolve("source");
            makeTargets(source, files);
            for (int i = 0; i < 2; i++) {
                try (CacheMirror mirror = mirror(
                        clients,
                        bucket(
                                clients,
                                "warm-up-" + i + "-" + ProcessHandle.current().pid()))) {
                    mirror.save(source, "warm-up");
                    mirror.restore(work.resolve("restored-" + i));
                    mirror.purgeAll(false);
                }
            }
        }
    }

    /** The CLI's own settings (backoff included), so a round under faults measures what users get. */
    static AwsSettings settings(URI endpoint) {
        return AwsSettings.defaults()
                .withEndpoint(
                        endpoint,
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIA" + ACCOUNT, "bench")));
    }

    static CacheBucket bucket(AwsClients clients, String name) {
        CacheBucket bucket = new CacheBucket(name, ACCOUNT, null);
        clients.s3(REGION).createBucket(b -> b.bucket(bucket.name()));
        return bucket;
    }

    static CacheMirror mirror(AwsClients clients, CacheBucket bucket) {
        return new CacheMirror(
                new S3Store(clients.s3(REGION), bucket), MirrorOptions.DEFAULT, Clock.systemUTC(), BenchKms.signer());
    }

    /**
     * The cold save as the product meets it: in a fresh JVM that has just run a deploy of the large manifest (see
     * {@link SaveAfterDeploy}). A process of its own, with the JVM's default options like this one but a 1 GB heap
     * for the deploy's 18,530 tasks, so that nothing this JVM compiled helps it.
     */
    private static void saveAfterDeploy(S3ProxyProcess server, URI via, Path work, Path source) throws Exception {
        Path manifest = Path.of("test-resources", "manifests", "large", "manifest.yaml");
        if (!Files.isRegularFile(manifest)) {
            System.out.println(manifest + " not found (run from the checkout's root): the after-a-deploy row skipped");
            return;
        }
        forgetMemos(source);
        BenchmarkJvm.run(
                "1g",
                "the save after a deploy",
                "save-after-deploy",
                via.toString(),
                Long.toString(server.pid()),
                source.toString(),
                manifest.toString(),
                work.toString());
    }

    /**
     * Ours as a user runs it from a shell: one {@code bin/puppet cache ...} process per step, start-up included, as
     * for aws-cli. Each process is a fresh JVM with the launcher's options.
     */
    private static void puppetCli(S3ProxyProcess server, URI via, Path work, Path source, List<Path> targets, int files)
            throws Exception {
        Path launcher = Path.of("bin", "puppet");
        if (!Files.isExecutable(launcher)) {
            System.out.println("bin/puppet not found (run from the checkout's root): CLI rows skipped");
            return;
        }
        String[] aws = {
            "--puppet-account-id",
            ACCOUNT,
            "--home-region",
            REGION,
            "--endpoint-url",
            BenchKms.endpoint().toString(), // KMS, for the signed index
            "--s3-endpoint-url",
            via.toString()
        };
        String[] save = {launcher.toString(), "cache", "save", "--cache-dir", source.toString()};
        forgetMemos(source);
        ProcessStep.run("bin/puppet cache save: cold", server, ProcessStep.concat(save, aws));
        ProcessStep.run("bin/puppet cache save: no change", server, ProcessStep.concat(save, aws));
        change(targets, files / 100);
        ProcessStep.run("bin/puppet cache save: 1% changed", server, ProcessStep.concat(save, aws));
        String into = work.resolve("cli-puppet-restored").toString();
        ProcessStep.run(
                "bin/puppet cache restore: into an empty folder",
                server,
                ProcessStep.concat(new String[] {launcher.toString(), "cache", "restore", "--cache-dir", into}, aws));
        RestoredTree.check("bin/puppet cache restore", source, targets, Path.of(into));
        ProcessStep.run(
                "bin/puppet cache purge",
                server,
                ProcessStep.concat(new String[] {launcher.toString(), "cache", "purge"}, aws));
    }

    /**
     * The floor under the process rows: a plain SDK client in a process with the launcher's JVM options (no class-data
     * archive, which bin/puppet maps), making only the PUTs of a cold save and the GETs of a restore, as many in
     * flight as the mirror's ceiling ({@link BareSdkTransfers}).
     */
    private static void bareSdk(S3ProxyProcess server, URI via, Path source) throws Exception {
        String bucket = "bare-sdk-bucket";
        try (AwsClients clients = new AwsClients(settings(via))) {
            clients.s3(REGION).createBucket(b -> b.bucket(bucket));
        }
        String in = String.valueOf(MirrorOptions.DEFAULT.parallelism());
        String folder = source.resolve("output").toString();
        for (String op : List.of("put", "get")) {
            String output = ProcessStep.run(
                    op.equals("put") ? "bare SDK process: cold upload" : "bare SDK process: download",
                    server,
                    BenchmarkJvm.java(),
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-Xmx512m",
                    "-jar",
                    BenchmarkJvm.jar(),
                    "bare-sdk",
                    op,
                    via.toString(),
                    bucket,
                    folder,
                    in);
            output.lines().filter(l -> l.startsWith("bare SDK")).forEach(l -> System.out.println("  " + l));
        }
    }

    /** A cold save starts without the workspace's memos (digests, last published index), as after a fresh run. */
    private static void forgetMemos(Path cacheRoot) throws IOException {
        try (var files = Files.list(cacheRoot)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(".puppet-mirror-"))
                    .toList()) {
                Files.delete(f);
            }
        }
    }

    private static void awsCli(S3ProxyProcess server, URI via, Path work, Path source, List<Path> targets, int files)
            throws Exception {
        String dst = "s3://" + CLI_BUCKET + "/output";
        Path out = source.resolve("output");
        ProcessStep.aws(via, "aws s3 sync: cold upload", server, "s3", "sync", out.toString(), dst);
        ProcessStep.aws(via, "aws s3 sync: no change", server, "s3", "sync", out.toString(), dst);
        change(targets, files / 100);
        ProcessStep.aws(via, "aws s3 sync: 1% changed", server, "s3", "sync", out.toString(), dst);
        ProcessStep.aws(
                via,
                "aws s3 sync: download into an empty folder",
                server,
                "s3",
                "sync",
                dst,
                work.resolve("cli-restored").toString());
        ProcessStep.aws(via, "aws s3 rm --recursive", server, "s3", "rm", "--recursive", dst);
    }

    private static List<Path> makeTargets(Path root, int n) throws IOException {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path f = root.resolve("output/ProvisioningArtifactParametersTask/account_id=" + (100000000000L + i / 40)
                    + "/region=" + REGION + "/launch=launch-" + (i % 40) + ".json");
            Files.createDirectories(f.getParent());
            Files.writeString(f, body(i, 0));
            out.add(f);
        }
        return out;
    }

    private static String body(int i, int generation) {
        String pad = "x".repeat(200);
        return "{\"format\":1,\"family\":\"ProvisioningArtifactParametersTask\",\"i\":" + i + ",\"gen\":" + generation
                + ",\"pad\":\"" + pad + "\"}";
    }

    private static int generation = 0;

    /** Rewrites {@code count} targets the way the engine does: a new file renamed into place. */
    private static void change(List<Path> targets, int count) throws IOException {
        generation++;
        for (int i = 0; i < count; i++) {
            Path target = targets.get(i * (targets.size() / count));
            Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
            Files.writeString(temp, body(i, generation), StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    interface Step {
        MirrorResult run() throws Exception;
    }

    /** Times one step and says where the CPU went: this (client) process and the server process. */
    private static void time(S3ProxyProcess server, String label, Step step) throws Exception {
        time(server::cpu, label, step);
    }

    /** The same, for a client in another process than the server's owner: the server's CPU comes from its pid. */
    static void time(Supplier<CpuTime> serverCpu, String label, Step step) throws Exception {
        settleDisk();
        CpuTime client0 = CpuTime.self();
        CpuTime server0 = serverCpu.get();
        long requests0 = proxied.getAsLong();
        long t0 = System.nanoTime();
        MirrorResult r = step.run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        MirrorSummary.record(label, seconds, requests0 < 0 ? -1 : proxied.getAsLong() - requests0, true);
        System.out.printf(
                Locale.ROOT,
                "%-50s %8.2f s  (%,d transferred, %,d unchanged; CPU s: client %s, server %s)%s%n",
                label,
                seconds,
                r.transferred(),
                r.unchanged(),
                CpuTime.self().minus(client0),
                serverCpu.get().minus(server0),
                requestsSince(requests0));
    }

    /** How many requests went through the fault proxy since {@code before}, when there is one. */
    static String requestsSince(long before) {
        return before < 0 ? "" : String.format(Locale.ROOT, " [%,d requests]", proxied.getAsLong() - before);
    }

    /**
     * Flushes the file system before every measured step, whichever tool it is. On this VM (ext4) creating files right
     * after many others were deleted costs up to ten times the kernel time (10,000 files: 0.3 against 3.6 CPU-s; a
     * sync brings it down, not always all the way), which would charge a restore for whatever ran before it. For the
     * same reason nothing is deleted from disk until the benchmark ends.
     */
    static void settleDisk() throws IOException, InterruptedException {
        if (new ProcessBuilder("sync").inheritIO().start().waitFor() != 0) {
            throw new IOException("sync failed");
        }
    }
}
