package io.jenkins.plugins.scpuppet.aws;

import io.jenkins.plugins.scpuppet.bootstrap.Bootstrap;
import io.jenkins.plugins.scpuppet.bootstrap.CacheIndexKey;
import io.jenkins.plugins.scpuppet.bootstrap.SpokeOptions;
import io.jenkins.plugins.scpuppet.mirror.KmsIndexSigner;
import io.jenkins.plugins.scpuppet.standin.AwsStandIn;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The stand-in seeded with what the demo manifest expects to exist in the hub before puppet runs, and every account
 * bootstrapped with the product's own spoke stack, so the stand-in enforces the PuppetRole that bootstrap makes.
 */
final class DemoStandIn {
    static final String HUB = "111111111111";
    static final String ACCESS_KEY = "AKIASANDBOX" + HUB;
    static final String SECRET = "sandbox-secret-do-not-log";

    private DemoStandIn() {}

    static AwsStandIn start() throws Exception {
        AwsStandIn standIn = AwsStandIn.start(HUB);
        var sc = standIn.serviceCatalog();
        for (String region : List.of("eu-west-1", "eu-west-2")) {
            sc.seedProduct(
                    HUB,
                    region,
                    "demo-central-it-team-portfolio",
                    "account-baseline",
                    List.of("v1"),
                    List.of("Environment"),
                    List.of());
            sc.seedProduct(
                    HUB,
                    region,
                    "demo-networking-portfolio",
                    "vpc",
                    List.of("v1", "v2"),
                    List.of("CidrBlock"),
                    List.of("VpcId"));
            sc.seedProduct(HUB, region, "demo-networking-portfolio", "flow-logs", List.of("v1"), List.of(), List.of());
            sc.seedProduct(HUB, region, "demo-networking-portfolio", "bastion", List.of("v1"), List.of(), List.of());
        }
        for (String account : List.of("222222222222", "333333333333")) {
            for (String region : List.of("eu-west-1", "eu-west-2")) {
                standIn.ssm().put(HUB, "eu-west-1", "/demo/" + account + "/" + region + "/cidr", "10.0.0.0/16");
            }
        }
        standIn.lambda().register(HUB, "eu-west-1", "inventory-notifier");
        // The cache-index key bootstrap makes in the hub, with its policy: the caller (the Jenkins agent's role,
        // servicecatalog-puppet/jenkins-agent) is a cache writer.
        String key = standIn.kms()
                .createKey(HUB, "eu-west-1", "HMAC_256", CacheIndexKey.plainPolicy(HUB, CacheIndexKey.DEFAULT_WRITERS));
        standIn.kms().createAlias(HUB, "eu-west-1", KmsIndexSigner.DEFAULT_KEY, key);
        bootstrapSpokes(standIn, List.of(HUB, "222222222222", "333333333333"));
        return standIn;
    }

    /** bootstrap-spoke in each account, run there with that account's own (caller) credentials. */
    static void bootstrapSpokes(AwsStandIn standIn, List<String> accounts) throws Exception {
        for (String account : accounts) {
            try (AwsClients admin = clients(standIn, "AKIASANDBOX" + account)) {
                new Bootstrap(admin).spoke(HUB, "eu-west-1", SpokeOptions.DEFAULT);
            }
        }
    }

    static AwsClients clients(AwsStandIn standIn) {
        return clients(standIn, ACCESS_KEY);
    }

    private static AwsClients clients(AwsStandIn standIn, String accessKey) {
        AwsSettings settings = AwsSettings.defaults()
                .withHomeRegion("eu-west-1")
                .withEndpoint(
                        standIn.endpoint(),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, SECRET)))
                .withTimings(Duration.ofMillis(1), Duration.ofMillis(1));
        return new AwsClients(settings);
    }
}
