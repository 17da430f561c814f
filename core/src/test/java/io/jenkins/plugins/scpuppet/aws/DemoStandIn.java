package io.jenkins.plugins.scpuppet.aws;

import io.jenkins.plugins.scpuppet.standin.AwsStandIn;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The stand-in seeded with what the demo manifest expects to exist in the hub before puppet runs. */
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
        return standIn;
    }

    static AwsClients clients(AwsStandIn standIn) {
        AwsSettings settings = AwsSettings.defaults()
                .withHomeRegion("eu-west-1")
                .withEndpoint(
                        standIn.endpoint(),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET)))
                .withTimings(Duration.ofMillis(1), Duration.ofMillis(1));
        return new AwsClients(settings);
    }
}
