package io.jenkins.plugins.scpuppet.aws;

import static io.jenkins.plugins.scpuppet.engine.Runs.failures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.scpuppet.config.SsmConfigStore;
import io.jenkins.plugins.scpuppet.deploy.DeployRequest;
import io.jenkins.plugins.scpuppet.deploy.DeployResult;
import io.jenkins.plugins.scpuppet.deploy.Deployment;
import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.RunOutcome;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import io.jenkins.plugins.scpuppet.standin.ServiceCatalogService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.SsmException;

/**
 * A SecureString launch parameter: read with decryption, handed to ProvisionProduct, an action's CodeBuild and a
 * lambda, and absent from every file the deploy writes (targets, journal, reports), even when an AWS error quotes it.
 */
class SecureStringTest extends StandInTest {
    private static final String SPOKE = "222222222222";
    private static final String NAME = "/app/db-password";
    /** Every way a SecureString reaches AWS: a launch parameter, an action's build, a lambda payload. */
    private static final Path MANIFEST = Path.of("..", "test-resources", "manifests", "secure-string", "manifest.yaml");

    private final String sentinel = "sentinel-" + UUID.randomUUID();
    private Path manifest;

    @BeforeEach
    void seed() throws Exception {
        standIn.serviceCatalog()
                .seedProduct(
                        HUB,
                        "eu-west-1",
                        "app-portfolio",
                        "database",
                        List.of("v1"),
                        List.of("DbPassword", "Environment"),
                        List.of("Endpoint"));
        standIn.codeBuild().register(HUB, "eu-west-1", "check-secret");
        standIn.lambda().register(HUB, "eu-west-1", "rotation-notifier");
        standIn.ssm()
                .put(
                        HUB,
                        "eu-west-1",
                        "/servicecatalog-puppet/config",
                        "regions: [eu-west-1]\n" + "is_caching_enabled: true\n");
        standIn.ssm().putSecure(HUB, "eu-west-1", NAME, sentinel);
        manifest = Files.copy(MANIFEST, cache.resolve("manifest.yaml"));
    }

    private DeployResult deploy() throws Exception {
        Deployment deployment = new Deployment(clients, new SsmConfigStore(clients.ssm(HUB, "eu-west-1")), line -> {});
        return deployment.deploy(
                new DeployRequest(
                        manifest,
                        HUB,
                        "eu-west-1",
                        cache.resolve("cache"),
                        cache.resolve("reports"),
                        4,
                        false,
                        false,
                        "test"),
                RunListener.NONE);
    }

    @Test
    void shouldAnswerTheCiphertextWithoutWithDecryptionAsAwsDoes() {
        var ssm = clients.ssm(HUB, "eu-west-1");

        var plain = ssm.getParameter(r -> r.name(NAME)).parameter();
        var decrypted = ssm.getParameter(r -> r.name(NAME).withDecryption(true)).parameter();

        assertThat(plain.typeAsString()).isEqualTo("SecureString");
        assertThat(plain.value()).isNotEmpty().doesNotContain(sentinel);
        assertThat(decrypted.value()).isEqualTo(sentinel);
        assertThat(decrypted.version()).isEqualTo(1L);
        // The flag is ignored for a String.
        assertThat(ssm.getParameter(r -> r.name("/servicecatalog-puppet/config").withDecryption(true))
                        .parameter()
                        .value())
                .startsWith("regions:");
    }

    @Test
    void shouldRefuseToCreateAParameterWithoutATypeAsAwsDoes() {
        var ssm = clients.ssm(HUB, "eu-west-1");

        assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/app/new").value("v")))
                .isInstanceOf(SsmException.class)
                .hasMessageContaining("A parameter type is required when you create a parameter.");
        // An overwrite keeps the type it had.
        ssm.putParameter(r -> r.name(NAME).value("next").overwrite(true));
        assertThat(ssm.getParameter(r -> r.name(NAME)).parameter().typeAsString())
                .isEqualTo("SecureString");
    }

    @Test
    void shouldHandTheValueOnKeepItOutOfEveryFileAndUpdateOnlyWhenANewVersionArrives() throws Exception {
        DeployResult first = deploy();
        long provisioned = standIn.serviceCatalog().records("PROVISION_PRODUCT");
        DeployResult second = deploy();
        long updatesAfterSecond = standIn.serviceCatalog().records("UPDATE_PROVISIONED_PRODUCT");
        String rotated = "rotated-" + UUID.randomUUID();
        clients.ssm(HUB, "eu-west-1")
                .putParameter(
                        r -> r.name(NAME).value(rotated).type("SecureString").overwrite(true));
        DeployResult third = deploy();

        assertThat(first.summary().outcome()).as(failures(first.summary())).isEqualTo(RunOutcome.SUCCESS);
        assertThat(provisioned).isEqualTo(1);
        assertThat(second.summary().outcome()).isEqualTo(RunOutcome.SUCCESS);
        assertThat(updatesAfterSecond).isZero(); // same value: the product is left alone
        assertThat(third.summary().outcome()).isEqualTo(RunOutcome.SUCCESS);
        assertThat(standIn.serviceCatalog().records("UPDATE_PROVISIONED_PRODUCT"))
                .isEqualTo(1);
        ServiceCatalogService sc = standIn.serviceCatalog();
        assertThat(sc.provisioned(SPOKE, "eu-west-1"))
                .singleElement()
                .satisfies(p -> assertThat(p.parameters())
                        .containsEntry("DbPassword", rotated)
                        .containsEntry("Environment", "prod"));
        // The action's build and the lambda got the value (what the first run read, then the rotated one).
        assertThat(standIn.codeBuild().started()).hasSize(3).first().asString().contains(sentinel);
        assertThat(standIn.lambda().invocations().toString()).contains(sentinel).contains(rotated);

        String written = everyFile(cache);
        assertThat(written).doesNotContain(sentinel).doesNotContain(rotated);
        // What the journal keeps of the read instead: name, type and version, which moved with the value.
        List<JsonNode> reads = journalled("GetSSMParamTask");
        assertThat(reads).hasSize(3);
        assertThat(reads).allSatisfy(r -> {
            assertThat(r.path("result").path("Type").asText()).isEqualTo("SecureString");
            assertThat(r.path("result").has("Value")).isFalse();
        });
        assertThat(reads)
                .extracting(r -> r.path("result").path("Version").asLong())
                .containsExactlyInAnyOrder(1L, 1L, 2L);
        assertThat(journalled("InvokeLambdaTask"))
                .allSatisfy(r -> assertThat(r.path("result")
                                .path("payload")
                                .path("parameters")
                                .path("DbPassword")
                                .asText())
                        .startsWith("ssm-secure:" + NAME + ":"));
    }

    @Test
    void shouldRedactTheValueFromAnAwsErrorThatQuotesIt() throws Exception {
        standIn.faults()
                .fail(
                        "ProvisionProduct",
                        "InvalidParametersException",
                        "Parameter validation failed: parameter value " + sentinel
                                + " for parameter name DbPassword does not exist",
                        "DbPassword");

        DeployResult run = deploy();

        assertThat(run.summary().outcome()).isEqualTo(RunOutcome.TASK_FAILURES);
        assertThat(run.summary().tasks())
                .filteredOn(t -> t.status() == TaskStatus.FAILED)
                .singleElement()
                .satisfies(t -> assertThat(t.errorMessage())
                        .contains("parameter value **** for parameter name DbPassword")
                        .doesNotContain(sentinel));
        assertThat(everyFile(cache)).doesNotContain(sentinel);
    }

    private List<JsonNode> journalled(String family) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (var files = Files.walk(cache.resolve("cache").resolve("runs"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                for (String line : Files.readAllLines(f)) {
                    JsonNode node = json.readTree(line);
                    if (node.path("family").asText().equals(family)) {
                        lines.add(node);
                    }
                }
            }
        }
        return lines;
    }

    static String everyFile(Path root) throws Exception {
        StringBuilder all = new StringBuilder();
        try (var files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.append(f).append('\n').append(Files.readString(f)).append('\n');
            }
        }
        return all.toString();
    }
}
