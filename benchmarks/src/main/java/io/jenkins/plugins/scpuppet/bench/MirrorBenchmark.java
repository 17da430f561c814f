package io.jenkins.plugins.scpuppet.bench;

import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.aws.AwsSettings;
import io.jenkins.plugins.scpuppet.mirror.CacheBucket;
import io.jenkins.plugins.scpuppet.mirror.CacheMirror;
import io.jenkins.plugins.scpuppet.mirror.MirrorOptions;
import io.jenkins.plugins.scpuppet.mirror.MirrorResult;
import io.jenkins.plugins.scpuppet.mirror.S3Store;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Issue #6's benchmark: the cache mirror against {@code aws s3 sync} / {@code aws s3 rm --recursive} on the same local
 * S3 server (S3Proxy, in memory, loopback) and the same 10,000 target files of about 300 bytes.
 */
final class MirrorBenchmark {
    private static final String ACCOUNT = "111111111111";

    private MirrorBenchmark() {}

    static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        boolean withCli = !(args.length > 1 && args[1].equals("--no-aws-cli"));
        Path work = Files.createTempDirectory("scpuppet-mirror-bench");
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("transient", new Properties()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.onSpinWait();
        }
        URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        System.out.printf(
                Locale.ROOT,
                "mirror benchmark: %,d targets, S3Proxy (transient) at %s, %d cores%n",
                files,
                endpoint,
                Runtime.getRuntime().availableProcessors());
        AwsSettings settings = AwsSettings.defaults()
                .withEndpoint(
                        endpoint,
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIA" + ACCOUNT, "bench")))
                .withTimings(Duration.ofMillis(10), Duration.ofMillis(10));
        try (AwsClients clients = new AwsClients(settings)) {
            Path source = work.resolve("source");
            List<Path> targets = makeTargets(source, files);
            CacheBucket ours = new CacheBucket("sc-puppet-caching-bucket-" + ACCOUNT + "-eu-west-1", ACCOUNT, null);
            clients.s3("eu-west-1").createBucket(b -> b.bucket(ours.name()));
            try (CacheMirror mirror = new CacheMirror(
                    new S3Store(clients.s3("eu-west-1"), ours), MirrorOptions.DEFAULT, Clock.systemUTC())) {
                time("ours: cold save", () -> mirror.save(source, "bench"));
                time("ours: save, no change", () -> mirror.save(source, "bench"));
                change(targets, files / 100);
                time("ours: save, 1% changed", () -> mirror.save(source, "bench"));
                time("ours: restore into an empty folder", () -> mirror.restore(work.resolve("restored")));
                time("ours: purge everything", () -> mirror.purgeAll(false));
            }
            if (withCli) {
                String cliBucket = "cli-bucket";
                clients.s3("eu-west-1").createBucket(b -> b.bucket(cliBucket));
                String dst = "s3://" + cliBucket + "/output";
                Path out = source.resolve("output");
                cli("aws s3 sync: cold upload", endpoint, "s3", "sync", out.toString(), dst);
                cli("aws s3 sync: no change", endpoint, "s3", "sync", out.toString(), dst);
                change(targets, files / 100);
                cli("aws s3 sync: 1% changed", endpoint, "s3", "sync", out.toString(), dst);
                cli(
                        "aws s3 sync: download into an empty folder",
                        endpoint,
                        "s3",
                        "sync",
                        dst,
                        work.resolve("cli-restored").toString());
                cli("aws s3 rm --recursive", endpoint, "s3", "rm", "--recursive", dst);
            }
        } finally {
            proxy.stop();
            EngineBenchmark.deleteTree(work);
        }
    }

    private static List<Path> makeTargets(Path root, int n) throws IOException {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path f = root.resolve("output/ProvisioningArtifactParametersTask/account_id=" + (100000000000L + i / 40)
                    + "/region=eu-west-1/launch=launch-" + (i % 40) + ".json");
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

    private static void change(List<Path> targets, int count) throws IOException {
        generation++;
        for (int i = 0; i < count; i++) {
            Files.writeString(targets.get(i * (targets.size() / count)), body(i, generation), StandardCharsets.UTF_8);
        }
    }

    private interface Step {
        MirrorResult run() throws Exception;
    }

    private static void time(String label, Step step) throws Exception {
        long t0 = System.nanoTime();
        MirrorResult r = step.run();
        System.out.printf(
                Locale.ROOT,
                "%-45s %8.2f s  (%,d transferred, %,d unchanged)%n",
                label,
                (System.nanoTime() - t0) / 1e9,
                r.transferred(),
                r.unchanged());
    }

    private static void cli(String label, URI endpoint, String... args) throws Exception {
        List<String> command = new ArrayList<>(
                List.of("aws", "--endpoint-url", endpoint.toString(), "--region", "eu-west-1", "--only-show-errors"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("AWS_ACCESS_KEY_ID", "AKIA" + ACCOUNT);
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "bench");
        pb.environment().put("AWS_REQUEST_CHECKSUM_CALCULATION", "when_required");
        long t0 = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            System.out.println(label + ": aws CLI not found, skipped");
            return;
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        System.out.printf(
                Locale.ROOT,
                "%-45s %8.2f s%s%n",
                label,
                (System.nanoTime() - t0) / 1e9,
                code == 0 ? "" : "  (exit " + code + ": " + output.strip() + ")");
    }
}
