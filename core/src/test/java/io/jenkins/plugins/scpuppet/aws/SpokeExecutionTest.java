package io.jenkins.plugins.scpuppet.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.jenkins.plugins.scpuppet.engine.Engine;
import io.jenkins.plugins.scpuppet.engine.RetryBackoff;
import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.RunOptions;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import io.jenkins.plugins.scpuppet.manifest.AccountResolver;
import io.jenkins.plugins.scpuppet.manifest.ExpandedManifest;
import io.jenkins.plugins.scpuppet.manifest.Expander;
import io.jenkins.plugins.scpuppet.manifest.ExpansionOptions;
import io.jenkins.plugins.scpuppet.manifest.ManifestLoader;
import io.jenkins.plugins.scpuppet.manifest.SpokeManifest;
import io.jenkins.plugins.scpuppet.mirror.LocalS3;
import io.jenkins.plugins.scpuppet.tasks.GraphOptions;
import io.jenkins.plugins.scpuppet.tasks.TaskGraphBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * execution: spoke against the stand-in (CodeBuild, SSM, STS) and a real S3 server: the expanded manifest is uploaded
 * once, each spoke's deploy-in-spoke build is started with a working presigned link to it, and nothing secret ends
 * up in a task result.
 */
class SpokeExecutionTest extends StandInTest {
    private static final String SPOKE_A = "222222222222";
    private static final String SPOKE_B = "333333333333";
    private static final String MANIFEST = """
            schema: puppet-2019-04-01
            accounts:
              - account_id: '222222222222'
                name: spoke-a
                default_region: eu-west-1
                regions_enabled: [eu-west-1, eu-west-2]
                tags: ['type:spoke']
              - account_id: '333333333333'
                name: spoke-b
                default_region: eu-west-1
                regions_enabled: [eu-west-1]
                tags: ['type:spoke']
            launches:
              account-baseline:
                portfolio: demo-central-it-team-portfolio
                product: account-baseline
                version: v1
                execution: spoke
                parameters:
                  Environment: {default: dev}
                deploy_to:
                  tags:
                    - tag: 'type:spoke'
                      regions: enabled_regions
            """;

    private LocalS3 s3;
    private Path manifest;

    @BeforeEach
    void seed() throws Exception {
        s3 = new LocalS3();
        clients.withS3(s3.clients);
        s3.clients.s3("eu-west-1").createBucket(b -> b.bucket(SpokeDeploy.bucket(HUB)));
        for (String spoke : List.of(SPOKE_A, SPOKE_B)) {
            standIn.codeBuild().register(spoke, "eu-west-1", SpokeDeploy.PROJECT);
        }
        manifest = Files.writeString(cache.resolve("manifest.yaml"), MANIFEST);
    }

    @AfterEach
    void stopS3() throws Exception {
        clients.withS3(null);
        s3.close();
    }

    private RunSummary deploy() throws Exception {
        var loaded = new ManifestLoader().load(manifest, HUB);
        ExpandedManifest expanded = new Expander(AccountResolver.NONE)
                .expand(loaded, new ExpansionOptions(HUB, "eu-west-1", List.of("eu-west-1", "eu-west-2")));
        SpokeDeploy spokes = new SpokeDeploy(
                clients,
                HUB,
                "eu-west-1",
                () -> {
                    try {
                        return SpokeManifest.yaml(new ManifestLoader().document(manifest), expanded);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                Map.of("SHOULD_COLLECT_CLOUDFORMATION_EVENTS", "True"));
        return Engine.run(
                TaskGraphBuilder.roots(
                        expanded, new AwsPuppetOperations(clients, HUB, "eu-west-1", spokes), GraphOptions.DEFAULT),
                RunOptions.defaults(cache.resolve("cache"))
                        .withWorkers(4)
                        .withBackoff(RetryBackoff.NONE)
                        .withErrorClassifier(AwsErrors::classify),
                RunListener.NONE);
    }

    @Test
    void shouldUploadTheExpandedManifestOnceAndStartEachSpokesBuildWithAWorkingLinkToIt() throws Exception {
        standIn.ssm().put(HUB, "eu-west-1", SpokeDeploy.VERSION_PARAMETER, "0.84.0");

        RunSummary run = deploy();

        assertThat(run.tasks())
                .filteredOn(t -> t.key().family().equals("RunDeployInSpokeTask"))
                .hasSize(2)
                .allMatch(t -> t.status() == TaskStatus.EXECUTED);
        assertThat(s3.clients
                        .s3("eu-west-1")
                        .listObjectsV2(b -> b.bucket(SpokeDeploy.bucket(HUB)))
                        .contents())
                .hasSize(1);
        List<String> started = standIn.codeBuild().started();
        assertThat(started).hasSize(2);
        assertThat(started).extracting(s -> s.split(" ")[0]).containsExactlyInAnyOrder(SPOKE_A, SPOKE_B);
        assertThat(started).allMatch(s -> s.contains(" eu-west-1 " + SpokeDeploy.PROJECT + " "));
        Map<String, String> env = env(started.get(0));
        assertThat(env)
                .containsEntry("VERSION", "0.84.0")
                .containsEntry("PUPPET_ACCOUNT_ID", HUB)
                .containsEntry("HOME_REGION", "eu-west-1")
                .containsEntry("REGIONS", "eu-west-1,eu-west-2")
                .containsEntry("SHOULD_COLLECT_CLOUDFORMATION_EVENTS", "True");

        // What the spoke's buildspec does: curl $MANIFEST_URL > manifest-expanded.yaml
        HttpResponse<byte[]> fetched = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(env.get("MANIFEST_URL")))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        JsonNode spokeManifest = new YAMLMapper().readTree(fetched.body());
        assertThat(spokeManifest.path("accounts")).hasSize(2);
        assertThat(spokeManifest.path("accounts").get(0).path("account_id").asText())
                .isEqualTo(SPOKE_A);
        assertThat(spokeManifest
                        .path("launches")
                        .path("account-baseline")
                        .path("execution")
                        .asText())
                .isEqualTo("spoke");
        assertThat(env.get("MANIFEST_URL")).contains("X-Amz-Expires=86400");

        // The link is a credential of sorts: it is handed to CodeBuild only, never kept in a result.
        StringBuilder results = new StringBuilder();
        try (var files = Files.walk(cache.resolve("cache"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                results.append(Files.readString(f));
            }
        }
        assertThat(results.toString()).doesNotContain("X-Amz-Signature").doesNotContain(DemoStandIn.SECRET);
        assertThat(results.toString()).contains("s3://" + SpokeDeploy.bucket(HUB) + "/");
    }

    @Test
    void shouldFailTheSpokeTasksWithAClearMessageWhenTheVersionParameterIsMissing() throws Exception {
        RunSummary run = deploy();

        assertThat(run.tasks())
                .filteredOn(t -> t.key().family().equals("RunDeployInSpokeTask"))
                .hasSize(2)
                .allSatisfy(t -> {
                    assertThat(t.status()).isEqualTo(TaskStatus.FAILED);
                    assertThat(t.errorCode()).isEqualTo("ParameterNotFound");
                    assertThat(t.errorMessage())
                            .contains(SpokeDeploy.VERSION_PARAMETER)
                            .contains("eu-west-1");
                });
        assertThat(standIn.codeBuild().started()).isEmpty();
    }

    /** The environment overrides of one started build, from the stand-in's record. */
    private static Map<String, String> env(String started) throws Exception {
        JsonNode list = new ObjectMapper().readTree(started.substring(started.indexOf('[')));
        Map<String, String> env = new java.util.LinkedHashMap<>();
        list.forEach(v -> env.put(v.path("name").asText(), v.path("value").asText()));
        return env;
    }
}
