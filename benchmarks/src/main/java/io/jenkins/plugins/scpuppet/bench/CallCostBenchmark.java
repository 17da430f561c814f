package io.jenkins.plugins.scpuppet.bench;

import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.aws.AwsSettings;
import io.jenkins.plugins.scpuppet.standin.AwsStandIn;
import io.jenkins.plugins.scpuppet.standin.LatencyModel;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.servicecatalog.ServiceCatalogClient;

/**
 * {@code calls [threads=1,16] [calls-per-round=5000] [call-ms=0]}: the client CPU one AWS call costs, the floor under the deploy
 * benchmark's "client CPU". Three clients make the same call (Service Catalog ListPortfolios) to the same AWS
 * stand-in, in turns:
 *
 * <ul>
 *   <li><b>SDK alone</b>: a bare AWS SDK v2 client with the same HTTP client settings as ours (it runs the endpoint
 *       rules on every request, ours once per client);
 *   <li><b>ours</b>: the client a deploy uses ({@link AwsClients}: role credentials, pacer, timeouts, retry counting);
 *   <li><b>boto3</b>: upstream's SDK (Python), one thread, if {@code python3} can import it; only without call
 *       latency.
 * </ul>
 *
 * <p>Only the calling threads' CPU is counted (per-thread CPU time), never the server's; the SDK arms and cancels its
 * timeout timer on the caller, so little else runs per call. Each client repeats rounds
 * until its CPU per call stops falling by more than a twentieth (at most 8), so the JIT has compiled its path; the
 * last round is printed. The share of two cores is given at 1,050 calls a second: the large manifest's 50,900 calls
 * over its 48.5 s lower bound (see docs/performance.md), where issue #20 asks for under 10%.
 */
final class CallCostBenchmark {
    private static final String HUB = "111111111111";
    private static final String REGION = "eu-west-1";
    private static final double CALLS_PER_SECOND_AT_BOUND = 1050;
    private static final int MAX_ROUNDS = 8;

    private CallCostBenchmark() {}

    static void main(String[] args) throws Exception {
        int[] threadCounts = args.length > 0 ? parseList(args[0]) : new int[] {1, 16};
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int callMillis = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        System.out.println(
                "JVM options: " + ManagementFactory.getRuntimeMXBean().getInputArguments());
        try (AwsStandIn standIn = AwsStandIn.start(HUB)) {
            standIn.iam().enforce(false); // what is measured is the client, not the stand-in's policy evaluation
            if (callMillis > 0) {
                standIn.latencyModel(new LatencyModel(callMillis, 0, 0, 0, 0, System::nanoTime));
            }
            StaticCredentialsProvider caller = StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIASANDBOX111111111111", "sandbox-secret"));
            AwsSettings settings =
                    AwsSettings.defaults().withHomeRegion(REGION).withEndpoint(standIn.endpoint(), caller);
            // One client's pool at a time: with both open (256 connections to the stand-in's JDK HttpServer), the
            // second client's calls met connections the server had closed ("failed to respond").
            SdkHttpClient http = ApacheHttpClient.builder()
                    .maxConnections(192)
                    .expectContinueEnabled(false)
                    .build();
            try (ServiceCatalogClient bare = ServiceCatalogClient.builder()
                    .endpointOverride(standIn.endpoint())
                    .region(Region.of(REGION))
                    .credentialsProvider(caller)
                    .httpClient(http)
                    .build()) {
                for (int threads : threadCounts) {
                    print("SDK alone", threads, settle(() -> bare.listPortfolios(r -> {}), threads, perRound));
                }
            } finally {
                http.close();
            }
            try (AwsClients ours = new AwsClients(settings)) {
                ServiceCatalogClient client = ours.serviceCatalog(HUB, REGION);
                for (int threads : threadCounts) {
                    print("ours", threads, settle(() -> client.listPortfolios(r -> {}), threads, perRound));
                }
            }
            if (callMillis == 0) { // one thread that idles between calls is not boto3's cost at a deploy's rate
                boto3(standIn, Math.max(500, perRound / 5));
            }
        }
    }

    /** Rounds until the CPU per call stops falling by more than 5%; returns the last round's microseconds. */
    private static double settle(Runnable call, int threads, int perRound) throws Exception {
        double previous = Double.MAX_VALUE;
        double current = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            current = cpuMicrosPerCall(call, threads, perRound - perRound % threads);
            if (current > previous * 0.95) {
                break;
            }
            previous = current;
        }
        return current;
    }

    private static double cpuMicrosPerCall(Runnable call, int threads, int calls) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> cpu = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                cpu.add(pool.submit(() -> {
                    long start = mx.getCurrentThreadCpuTime();
                    for (int i = 0; i < calls / threads; i++) {
                        call.run();
                    }
                    return mx.getCurrentThreadCpuTime() - start;
                }));
            }
            long nanos = 0;
            for (Future<Long> f : cpu) {
                nanos += f.get();
            }
            return nanos / 1e3 / calls;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void print(String client, int threads, double micros) {
        System.out.printf(
                Locale.ROOT,
                "%-9s %3d thread(s): %4.0f us of client CPU per call; at %.0f calls/s: %.1f%% of two cores%n",
                client,
                threads,
                micros,
                CALLS_PER_SECOND_AT_BOUND,
                share(micros));
    }

    private static double share(double micros) {
        return micros * CALLS_PER_SECOND_AT_BOUND / 1e6 / 2 * 100;
    }

    /** Runs the same call from boto3 in python3, if it is installed; it prints its own microseconds per call. */
    private static void boto3(AwsStandIn standIn, int calls) throws IOException, InterruptedException {
        Path script = Files.createTempFile("boto3-calls", ".py");
        try (InputStream in = CallCostBenchmark.class.getResourceAsStream("boto3_calls.py")) {
            Files.write(script, in.readAllBytes());
            Process p = new ProcessBuilder(
                            "python3",
                            script.toString(),
                            standIn.endpoint().toString(),
                            REGION,
                            Integer.toString(calls))
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            int exit = p.waitFor();
            if (exit != 0) {
                System.out.println("boto3: not measured (python3 exit " + exit + "): " + out);
                return;
            }
            double micros = Double.parseDouble(out);
            print("boto3", 1, micros);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static int[] parseList(String csv) {
        String[] parts = csv.split(",");
        int[] values = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Integer.parseInt(parts[i].trim());
        }
        return values;
    }
}
