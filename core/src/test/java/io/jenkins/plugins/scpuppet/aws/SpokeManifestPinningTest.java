package io.jenkins.plugins.scpuppet.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.jenkins.plugins.scpuppet.bootstrap.Bootstrap;
import io.jenkins.plugins.scpuppet.bootstrap.BootstrapOptions;
import io.jenkins.plugins.scpuppet.bootstrap.SpokeOptions;
import io.jenkins.plugins.scpuppet.config.SsmConfigStore;
import io.jenkins.plugins.scpuppet.engine.Digests;
import io.jenkins.plugins.scpuppet.mirror.LocalS3;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * execution: spoke pins the manifest it hands over: the link names the uploaded version and MANIFEST_SHA256 is the
 * hash of exactly the uploaded bytes. The spoke's own buildspec commands (taken from the template bootstrap-spoke
 * creates) are run with sh, as CodeBuild runs them ("any Shell command language (sh) command", CodeBuild user guide,
 * Shells and commands in build environments), against S3Proxy: they fetch and accept the manifest, and refuse a
 * changed one.
 */
class SpokeManifestPinningTest extends StandInTest {
    private static final String SPOKE = "222222222222";

    private LocalS3 s3;
    private S3Client bucketClient;
    private final byte[] manifest =
            ("schema: puppet-2019-04-01\n# " + UUID.randomUUID() + "\n").getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void seed() throws Exception {
        s3 = new LocalS3();
        clients.withS3(s3.clients);
        bucketClient = s3.clients.s3("eu-west-1");
        bucketClient.createBucket(b -> b.bucket(SpokeDeploy.bucket(HUB)));
        standIn.codeBuild().register(SPOKE, "eu-west-1", SpokeDeploy.PROJECT);
        standIn.ssm().put(HUB, "eu-west-1", SpokeDeploy.VERSION_PARAMETER, "0.84.0");
    }

    @AfterEach
    void stopS3() throws Exception {
        clients.withS3(null);
        s3.close();
    }

    private Map<String, String> startSpoke() throws Exception {
        new SpokeDeploy(clients, HUB, "eu-west-1", () -> manifest, Map.of()).start(SPOKE, List.of("eu-west-1"));
        String started = standIn.codeBuild().started().get(0);
        JsonNode list = new ObjectMapper().readTree(started.substring(started.indexOf('[')));
        Map<String, String> env = new LinkedHashMap<>();
        list.forEach(v -> env.put(v.path("name").asText(), v.path("value").asText()));
        return env;
    }

    private String onlyKey() {
        return bucketClient
                .listObjectsV2(b -> b.bucket(SpokeDeploy.bucket(HUB)))
                .contents()
                .get(0)
                .key();
    }

    private void overwrite(String key) {
        bucketClient.putObject(
                b -> b.bucket(SpokeDeploy.bucket(HUB)).key(key),
                RequestBody.fromString("schema: puppet-2019-04-01\nlaunches: {evil: {}}\n"));
    }

    @Test
    void shouldPassTheSha256OfExactlyTheUploadedObject() throws Exception {
        Map<String, String> env = startSpoke();

        byte[] stored = bucketClient
                .getObjectAsBytes(b -> b.bucket(SpokeDeploy.bucket(HUB)).key(onlyKey()))
                .asByteArray();
        assertThat(stored).isEqualTo(manifest);
        assertThat(env.get("MANIFEST_SHA256"))
                .isEqualTo(Digests.sha256Hex(stored))
                .hasSize(64);
    }

    @Test
    void shouldPinTheUploadedVersionSoALaterWriteChangesNothing() throws Exception {
        bucketClient.putBucketVersioning(
                b -> b.bucket(SpokeDeploy.bucket(HUB)).versioningConfiguration(v -> v.status("Enabled")));
        Map<String, String> env = startSpoke();
        String key = onlyKey();
        String uploadedVersion = bucketClient
                .headObject(b -> b.bucket(SpokeDeploy.bucket(HUB)).key(key))
                .versionId();
        overwrite(key);

        Fetch fetch = runFetchAndCheck(env);

        assertThat(env.get("MANIFEST_URL")).contains("versionId=" + uploadedVersion);
        assertThat(fetch.exit()).as(fetch.output()).isZero();
        assertThat(fetch.fetched()).isEqualTo(manifest);
    }

    @Test
    void shouldFailTheSpokeBuildWhenTheObjectChangedInAnUnversionedBucket() throws Exception {
        Map<String, String> env = startSpoke();
        Fetch untouched = runFetchAndCheck(env);
        overwrite(onlyKey());

        Fetch tampered = runFetchAndCheck(env);
        Map<String, String> noChecksum = new LinkedHashMap<>(env);
        noChecksum.put("MANIFEST_SHA256", "");
        Fetch unchecked = runFetchAndCheck(noChecksum);

        assertThat(env.get("MANIFEST_URL")).doesNotContain("versionId=");
        assertThat(untouched.exit()).as(untouched.output()).isZero();
        assertThat(untouched.output()).contains("manifest-expanded.yaml: OK");
        assertThat(tampered.exit()).isNotZero();
        assertThat(tampered.output()).contains("manifest-expanded.yaml: FAILED");
        assertThat(unchecked.exit()).isNotZero();
    }

    @Test
    void shouldVersionTheBucketAndCheckTheManifestBeforeDeploying() throws Exception {
        new Bootstrap(clients)
                .hub(
                        HUB,
                        "eu-west-1",
                        BootstrapOptions.DEFAULT.withSpokeVersion("0.84.0"),
                        new SsmConfigStore(clients.ssm(HUB, "eu-west-1")));
        JsonNode hub = new ObjectMapper()
                .readTree(standIn.cloudFormation()
                        .stacks(HUB, "eu-west-1")
                        .get("servicecatalog-puppet-jenkins")
                        .template());
        List<String> commands = buildCommands();

        assertThat(hub.path("Resources")
                        .path("SpokeDeployBucket")
                        .path("Properties")
                        .path("VersioningConfiguration")
                        .path("Status")
                        .asText())
                .isEqualTo("Enabled");
        int check = indexOf(commands, "sha256sum");
        assertThat(check).isPositive().isLessThan(indexOf(commands, "servicecatalog-puppet"));
        assertThat(indexOf(commands, "curl")).isLessThan(check);
    }

    private static int indexOf(List<String> commands, String word) {
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).contains(word)) {
                return i;
            }
        }
        return -1;
    }

    private List<String> commands;

    /** The build phase's commands of the deploy-in-spoke project, from the template bootstrap-spoke creates. */
    private List<String> buildCommands() throws Exception {
        if (commands != null) {
            return commands;
        }
        new Bootstrap(clients).spoke(HUB, "eu-west-1", new SpokeOptions(false, null, List.of(), true));
        JsonNode spoke = new ObjectMapper()
                .readTree(standIn.cloudFormation()
                        .stacks(HUB, "eu-west-1")
                        .get("servicecatalog-puppet-spoke")
                        .template());
        String buildspec = spoke.path("Resources")
                .path("DeployInSpokeProject")
                .path("Properties")
                .path("Source")
                .path("BuildSpec")
                .asText();
        commands = new ArrayList<>();
        new YAMLMapper()
                .readTree(buildspec)
                .path("phases")
                .path("build")
                .path("commands")
                .forEach(c -> commands.add(c.asText()));
        return commands;
    }

    record Fetch(int exit, String output, byte[] fetched) {}

    /**
     * What the spoke's build does before it deploys: each command before servicecatalog-puppet's, with sh, in a fresh
     * folder, stopping at the first that fails (as CodeBuild does).
     */
    private Fetch runFetchAndCheck(Map<String, String> env) throws Exception {
        List<String> commands = buildCommands();
        Path work = Files.createTempDirectory(cache, "spoke-build");
        StringBuilder output = new StringBuilder();
        int exit = 0;
        for (String command : commands.subList(0, indexOf(commands, "servicecatalog-puppet"))) {
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", command)
                    .directory(work.toFile())
                    .redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            output.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            exit = p.waitFor();
            if (exit != 0) {
                break;
            }
        }
        Path fetched = work.resolve("manifest-expanded.yaml");
        return new Fetch(exit, output.toString(), Files.exists(fetched) ? Files.readAllBytes(fetched) : null);
    }
}
