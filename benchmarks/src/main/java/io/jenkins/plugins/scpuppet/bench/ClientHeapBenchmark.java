package io.jenkins.plugins.scpuppet.bench;

import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.aws.AwsSettings;
import io.jenkins.plugins.scpuppet.standin.AwsStandIn;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@code clients [accounts=667]}: the heap that AwsClients keeps for the SDK clients of many accounts. Builds the six
 * per-role clients (Service Catalog, CloudFormation, SSM, Lambda, CodeBuild, EventBridge) of every account in 10
 * regions, without calling them, and prints the heap retained after a full GC. Needs more than 512 MB where clients
 * are not bounded: run it with {@code -Xmx3g}.
 */
final class ClientHeapBenchmark {
    private static final List<String> REGIONS = List.of(
            "us-east-1",
            "us-east-2",
            "us-west-1",
            "us-west-2",
            "eu-west-1",
            "eu-west-2",
            "eu-central-1",
            "ap-southeast-1",
            "ap-northeast-1",
            "sa-east-1");

    private ClientHeapBenchmark() {}

    static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 667;
        try (AwsStandIn standIn = AwsStandIn.start("111111111111")) {
            AwsSettings settings = AwsSettings.defaults()
                    .withHomeRegion("eu-west-1")
                    .withEndpoint(
                            standIn.endpoint(),
                            StaticCredentialsProvider.create(
                                    AwsBasicCredentials.create("AKIASANDBOX111111111111", "sandbox-secret")));
            try (AwsClients clients = new AwsClients(settings)) {
                buildAll(clients, 999_999, 1); // another account: loads the SDK's classes before the baseline
                long before = retainedHeap();
                long t0 = System.nanoTime();
                int built = buildAll(clients, 0, accounts);
                double seconds = (System.nanoTime() - t0) / 1e9;
                long retained = retainedHeap() - before;
                System.out.printf(
                        Locale.ROOT,
                        "%,d clients (%d accounts x %d regions x 6 services) built in %.1f s; heap retained %.1f MB"
                                + " (%.1f KB a client built)%n",
                        built,
                        accounts,
                        REGIONS.size(),
                        seconds,
                        retained / 1e6,
                        retained / 1024.0 / built);
            }
        }
    }

    private static int buildAll(AwsClients clients, int first, int accounts) {
        int built = 0;
        for (int a = first; a < first + accounts; a++) {
            String account = String.format(Locale.ROOT, "%012d", 300_000_000_000L + a);
            for (String region : REGIONS) {
                clients.serviceCatalog(account, region);
                clients.cloudFormation(account, region);
                clients.ssm(account, region);
                clients.lambda(account, region);
                clients.codeBuild(account, region);
                clients.eventBridge(account, region);
                built += 6;
            }
        }
        return built;
    }

    private static long retainedHeap() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200); // lets the collector's concurrent phases finish; a measurement pause, not a handshake
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
