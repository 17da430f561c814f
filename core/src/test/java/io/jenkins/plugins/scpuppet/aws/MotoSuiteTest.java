package io.jenkins.plugins.scpuppet.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scpuppet.engine.Awaiting;
import io.jenkins.plugins.scpuppet.engine.TaskException;
import io.jenkins.plugins.scpuppet.tasks.PuppetOperations;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A second, independent check of the AWS work: the same operations against moto_server (Python), for what moto
 * implements (STS, SSM, CloudFormation, EventBridge, Service Catalog portfolios and shares). .ci/run starts
 * moto_server and sets MOTO_ENDPOINT; without it the suite is skipped, and says so.
 */
class MotoSuiteTest {
    private static final String HUB = "123456789012";
    private static final String SPOKE = "210987654321";
    private static AwsClients clients;
    private static PuppetOperations ops;

    @BeforeAll
    static void connect() {
        String endpoint = System.getenv("MOTO_ENDPOINT");
        if (endpoint == null || endpoint.isBlank()) {
            System.err.println("*** MOTO SUITE SKIPPED: MOTO_ENDPOINT is not set (moto_server not running) ***");
        }
        Assumptions.assumeTrue(
                endpoint != null && !endpoint.isBlank(),
                "MOTO SUITE SKIPPED: MOTO_ENDPOINT is not set (run .ci/run, which starts moto_server)");
        AwsSettings settings = AwsSettings.defaults()
                .withHomeRegion("eu-west-1")
                .withEndpoint(
                        URI.create(endpoint),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAMOTOTESTING", "moto-secret")))
                .withTimings(Duration.ofMillis(5), Duration.ofMillis(20));
        clients = new AwsClients(settings);
        ops = new AwsPuppetOperations(clients, HUB, "eu-west-1");
    }

    @AfterAll
    static void close() {
        if (clients != null) {
            clients.close();
        }
    }

    @Test
    void shouldCreateFindAndShareAPortfolioIdempotently() throws Exception {
        String id = ops.ensureLocalPortfolio(HUB, "eu-west-1", "moto-portfolio", "ccoe", "d")
                .path("portfolio_id")
                .asText();
        String again = ops.ensureLocalPortfolio(HUB, "eu-west-1", "moto-portfolio", "ccoe", "d")
                .path("portfolio_id")
                .asText();

        assertThat(again).isEqualTo(id);
        assertThat(ops.portfolioByName(HUB, "eu-west-1", "moto-portfolio")
                        .path("portfolio_id")
                        .asText())
                .isEqualTo(id);
        assertThat(ops.sharePortfolio(HUB, SPOKE, "eu-west-1", id)
                        .path("created")
                        .asBoolean())
                .isTrue();
        assertThat(ops.sharePortfolio(HUB, SPOKE, "eu-west-1", id)
                        .path("created")
                        .asBoolean())
                .isFalse();
        assertThat(ops.findLocalPortfolio(HUB, "eu-west-1", "nope")).isEmpty();
    }

    @Test
    void shouldNameAMissingPortfolio() {
        assertThatThrownBy(() -> ops.portfolioByName(HUB, "eu-west-1", "missing-portfolio"))
                .isInstanceOf(TaskException.class)
                .hasMessageContaining("no portfolio named 'missing-portfolio' in account " + HUB);
    }

    @Test
    void shouldWriteReadAndDeleteSsmParameters() throws Exception {
        ops.putSsmParameter("/moto/vpc-id", "eu-west-1", "vpc-1");
        ops.putSsmParameter("/moto/vpc-id", "eu-west-1", "vpc-2");

        assertThat(ops.ssmParameter("/moto/vpc-id", "eu-west-1").path("Value").asText())
                .isEqualTo("vpc-2");
        assertThat(ops.deleteSsmParameter("/moto/vpc-id", "eu-west-1")
                        .path("deleted")
                        .asBoolean())
                .isTrue();
        assertThat(ops.deleteSsmParameter("/moto/vpc-id", "eu-west-1")
                        .path("deleted")
                        .asBoolean())
                .isFalse();
        assertThatThrownBy(() -> ops.ssmParameter("/moto/vpc-id", "eu-west-1"))
                .isInstanceOf(TaskException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void shouldCreateAndDeleteStacksInASpokeThroughAnAssumedRole() throws Exception {
        StackOperations stacks = new StackOperations(clients, new Poller(Duration.ofMillis(20), Duration.ofMinutes(1)));
        var template = StackTemplates.launchConstraints("port-none", java.util.Map.of());
        var created =
                stacks.createOrUpdate(SPOKE, "eu-west-1", "launch-constraints-v2-for-portfolio-port-none", template);
        var unchanged =
                stacks.createOrUpdate(SPOKE, "eu-west-1", "launch-constraints-v2-for-portfolio-port-none", template);

        assertThat(created.path("status").asText()).isEqualTo("CREATE_COMPLETE");
        assertThat(created.path("stack_id").asText()).contains(":" + SPOKE + ":");
        assertThat(unchanged.path("stack_id").asText())
                .isEqualTo(created.path("stack_id").asText());
        assertThat(settled(() -> ops.deleteStack(SPOKE, "eu-west-1", "launch-constraints-v2-for-portfolio-port-none"))
                        .path("deleted")
                        .asBoolean())
                .isTrue();
        assertThat(settled(() -> ops.deleteStack(SPOKE, "eu-west-1", "launch-constraints-v2-for-portfolio-port-none"))
                        .path("deleted")
                        .asBoolean())
                .isFalse();
    }

    /**
     * Runs an operation the way the engine does, poll after poll, without its delays: moto settles a stack operation
     * before it answers, so each poll finds it done or one step further.
     */
    private static com.fasterxml.jackson.databind.JsonNode settled(Awaiting.Step step) throws Exception {
        for (int polls = 0; polls < 100; polls++) {
            try {
                return step.run();
            } catch (Awaiting wait) {
                step = wait.next();
            }
        }
        throw new AssertionError("the operation did not settle in 100 polls");
    }

    @Test
    void shouldEnsureTheEventBusOnce() throws Exception {
        boolean first = ops.ensureEventBus(HUB, "eu-west-2").path("created").asBoolean();
        boolean second = ops.ensureEventBus(HUB, "eu-west-2").path("created").asBoolean();

        assertThat(List.of(first, second)).containsExactly(true, false);
    }
}
