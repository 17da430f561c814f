package io.jenkins.plugins.scpuppet.standin;

import static io.jenkins.plugins.scpuppet.standin.Wire.params;
import static io.jenkins.plugins.scpuppet.standin.Wire.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The latency model on a fake clock: records and stacks stay in progress for the configured time and settle when the
 * clock says so; rate limits throttle per (account, region, service) in each protocol's own error format.
 */
class LatencyModelTest {
    private static final String HUB = "111111111111";
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private LatencyModel model(long provisionMillis, long stackMillis, double rate, int burst) {
        return new LatencyModel(0, provisionMillis, stackMillis, rate, burst, now::get);
    }

    private void advanceMillis(long ms) {
        now.addAndGet(ms * 1_000_000L);
    }

    @Test
    void shouldKeepARecordInProgressUntilTheClockReachesTheProvisioningTime() {
        ServiceCatalogService sc = new ServiceCatalogService();
        sc.latencyModel(model(2000, 0, 0, 0));
        Caller c = new Caller(HUB, "eu-west-1", "servicecatalog", "AKIA" + HUB);
        String portfolio = sc.seedProduct(HUB, "eu-west-1", "p", "vpc", List.of("v1"), List.of(), List.of("VpcId"));
        sc.handle(
                c,
                "AssociatePrincipalWithPortfolio",
                json(Map.of("PortfolioId", portfolio, "PrincipalARN", c.puppetRoleArn())));
        String productId = sc.portfolios().get(0).productIds.iterator().next();
        String artifact = sc.handle(c, "ListProvisioningArtifacts", json(Map.of("ProductId", productId)))
                .path("ProvisioningArtifactDetails")
                .get(0)
                .path("Id")
                .asText();
        JsonNode started = sc.handle(
                c,
                "ProvisionProduct",
                json(Map.of(
                        "ProductId", productId, "ProvisioningArtifactId", artifact, "ProvisionedProductName", "vpc")));
        String record = started.path("RecordDetail").path("RecordId").asText();
        assertThat(started.path("RecordDetail").path("Status").asText()).isEqualTo("IN_PROGRESS");

        advanceMillis(1999);
        JsonNode polled = sc.handle(c, "DescribeRecord", json(Map.of("Id", record)));
        assertThat(polled.path("RecordDetail").path("Status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(polled.path("RecordOutputs")).isEmpty();
        assertThat(sc.handle(c, "SearchProvisionedProducts", json(Map.of()))
                        .path("ProvisionedProducts")
                        .get(0)
                        .path("Status")
                        .asText())
                .isEqualTo("UNDER_CHANGE");
        assertThatThrownBy(() -> sc.handle(
                        c,
                        "UpdateProvisionedProduct",
                        json(Map.of(
                                "ProvisionedProductName",
                                "vpc",
                                "ProductId",
                                productId,
                                "ProvisioningArtifactId",
                                artifact))))
                .isInstanceOf(AwsError.class)
                .extracting(e -> ((AwsError) e).code())
                .isEqualTo("InvalidStateException");

        advanceMillis(1);
        JsonNode done = sc.handle(c, "DescribeRecord", json(Map.of("Id", record)));
        assertThat(done.path("RecordDetail").path("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.path("RecordOutputs").get(0).path("OutputKey").asText()).isEqualTo("VpcId");
    }

    @Test
    void shouldShowAStackInProgressAndRefuseItsUpdateUntilItSettles() {
        CloudFormationService cf = new CloudFormationService();
        cf.latencyModel(model(0, 500, 0, 0));
        Caller c = new Caller(HUB, "eu-west-1", "cloudformation", "AKIA" + HUB);
        cf.handle(c, "CreateStack", Map.of("StackName", "s", "TemplateBody", "{}"));
        assertThat(xml(cf.handle(c, "DescribeStacks", Map.of("StackName", "s")), "StackStatus"))
                .isEqualTo("CREATE_IN_PROGRESS");
        assertThatThrownBy(() -> cf.handle(c, "UpdateStack", Map.of("StackName", "s", "TemplateBody", "{\"a\":1}")))
                .hasMessageContaining("CREATE_IN_PROGRESS state and can not be updated");
        advanceMillis(500);
        assertThat(xml(cf.handle(c, "DescribeStacks", Map.of("StackName", "s")), "StackStatus"))
                .isEqualTo("CREATE_COMPLETE");

        cf.handle(c, "DeleteStack", Map.of("StackName", "s"));
        assertThat(xml(cf.handle(c, "DescribeStacks", Map.of("StackName", "s")), "StackStatus"))
                .isEqualTo("DELETE_IN_PROGRESS");
        advanceMillis(500);
        assertThatThrownBy(() -> cf.handle(c, "DescribeStacks", Map.of("StackName", "s")))
                .hasMessageContaining("does not exist");
    }

    @Test
    void shouldThrottlePerAccountRegionAndServiceInEachProtocolsFormat() throws Exception {
        try (AwsStandIn standIn = AwsStandIn.start(HUB)) {
            standIn.latencyModel(model(0, 0, 1, 2));
            Wire hub = new Wire(standIn, "AKIASANDBOX" + HUB, "eu-west-1");
            String list = "AWS242ServiceCatalogService.ListPortfolios";
            assertThat(hub.json("servicecatalog", list, "{}").status()).isEqualTo(200);
            assertThat(hub.json("servicecatalog", list, "{}").status()).isEqualTo(200);
            Wire.Response third = hub.json("servicecatalog", list, "{}");
            assertThat(third.status()).isEqualTo(400);
            assertThat(third.body()).contains("\"__type\":\"ThrottlingException\"");

            // Another service, region or account has its own bucket.
            assertThat(hub.query("cloudformation", "DescribeStacks", params("StackName", "x"))
                            .body())
                    .doesNotContain("Throttling");
            Wire other = new Wire(standIn, "AKIASANDBOX222222222222", "eu-west-1");
            assertThat(other.json("servicecatalog", list, "{}").status()).isEqualTo(200);
            hub.query("cloudformation", "DescribeStacks", params("StackName", "x"));
            Wire.Response query = hub.query("cloudformation", "DescribeStacks", params("StackName", "x"));
            assertThat(xml(query.body(), "Code")).isEqualTo("Throttling");
            assertThat(query.status()).isEqualTo(400);

            advanceMillis(1000);
            assertThat(hub.json("servicecatalog", list, "{}").status()).isEqualTo(200);
            assertThat(standIn.throttledCalls()).isEqualTo(2);
            // Every call is counted under its key and operation, throttled ones included.
            assertThat(standIn.callsPerKeyAndOperation())
                    .containsEntry(HUB + "/eu-west-1/servicecatalog ListPortfolios", 4L)
                    .containsEntry(HUB + "/eu-west-1/cloudformation DescribeStacks", 3L)
                    .containsEntry("222222222222/eu-west-1/servicecatalog ListPortfolios", 1L);
        }
    }

    @Test
    void shouldNameTheFileAndKeyOfABadProfile(@TempDir Path dir) throws Exception {
        Path profile = dir.resolve("slow.properties");
        Files.writeString(profile, "call-ms=10\nprovison-ms=5\n");
        assertThatThrownBy(() -> LatencyModel.parse(profile.toString()))
                .hasMessageContaining(profile.toString())
                .hasMessageContaining("provison-ms");
        Files.writeString(profile, "call-ms=10\nprovision-ms=300\n");
        LatencyModel parsed = LatencyModel.parse(profile.toString());
        assertThat(parsed.callMillis()).isEqualTo(10);
        assertThat(parsed.provisionMillis()).isEqualTo(300);
        assertThat(parsed.stackMillis()).isEqualTo(LatencyModel.DEFAULT.stackMillis());
        assertThat(LatencyModel.parse("default")).isEqualTo(LatencyModel.DEFAULT);
        assertThatThrownBy(() -> LatencyModel.parse("fast")).hasMessageContaining("'fast'");
    }

    private static JsonNode json(Map<String, String> fields) {
        var node = AwsStandIn.JSON.createObjectNode();
        fields.forEach(node::put);
        return node;
    }
}
