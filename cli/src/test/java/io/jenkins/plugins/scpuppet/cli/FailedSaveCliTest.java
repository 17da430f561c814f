package io.jenkins.plugins.scpuppet.cli;

import static io.jenkins.plugins.scpuppet.cli.CliTest.DEMO;
import static io.jenkins.plugins.scpuppet.cli.CliTest.HUB;
import static io.jenkins.plugins.scpuppet.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.scpuppet.manifest.AccountResolver;
import io.jenkins.plugins.scpuppet.manifest.Expander;
import io.jenkins.plugins.scpuppet.manifest.ExpansionOptions;
import io.jenkins.plugins.scpuppet.manifest.ManifestLoader;
import io.jenkins.plugins.scpuppet.mirror.CacheBucket;
import io.jenkins.plugins.scpuppet.sandbox.Sandbox;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.middleware.Middlewares;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;

/**
 * {@code deploy} when the cache save after the run fails: the cache bucket is on an S3 (S3Proxy's read-only
 * middleware) that serves the restore and refuses every write, as a bucket does for a role that may only read it.
 */
class FailedSaveCliTest {
    private static Sandbox sandbox;
    private static S3Proxy readOnly;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        sandbox = new Sandbox(HUB);
        var expanded = new Expander(AccountResolver.NONE)
                .expand(new ManifestLoader().load(DEMO, HUB), new ExpansionOptions(HUB, "eu-west-1", List.of()));
        sandbox.seed(expanded, "eu-west-1", List.of("eu-west-1", "eu-west-2"));
        BlobStore memory = BlobStores.create("transient", new Properties());
        memory.createContainer(CreateBucketRequest.builder()
                .bucket(CacheBucket.of(HUB, "eu-west-1").name())
                .build());
        Properties props = new Properties();
        props.setProperty("s3proxy.read-only-blobstore", "true");
        readOnly = S3Proxy.builder()
                .blobStore(Middlewares.wrap(memory, props, null))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                .ignoreUnknownHeaders(true)
                .build();
        readOnly.start();
        while (!readOnly.getState().equals("STARTED")) {
            Thread.onSpinWait(); // Jetty reports STARTED once the port is bound
        }
        assertThat(onReadOnlyS3("set-config-value", "is_caching_enabled", "True")
                        .exit())
                .isZero();
    }

    @AfterAll
    static void stop() throws Exception {
        readOnly.stop();
        sandbox.close();
    }

    /** The CLI against the sandbox's stand-in, with the cache bucket on the read-only S3. */
    private static CliTest.Result onReadOnlyS3(String... args) {
        System.setProperty("aws.accessKeyId", Sandbox.ACCESS_KEY_PREFIX + HUB);
        System.setProperty("aws.secretAccessKey", "sandbox-secret");
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of(
                "--endpoint-url",
                sandbox.standIn().endpoint().toString(),
                "--s3-endpoint-url",
                "http://127.0.0.1:" + readOnly.getPort(),
                "--puppet-account-id",
                HUB,
                "--home-region",
                "eu-west-1"));
        return cli(all.toArray(String[]::new));
    }

    @Test
    void shouldExitFiveWithTheReportWrittenWhenOnlyTheSaveFailed() throws Exception {
        Path cache = tmp.resolve("cache");

        CliTest.Result r = onReadOnlyS3("deploy", DEMO.toString(), "--cache-dir", cache.toString(), "--workers", "4");

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(5);
        String warning =
                "cache not saved to s3://" + CacheBucket.of(HUB, "eu-west-1").name() + "/output: ";
        assertThat(r.out()).contains("WARNING " + warning).contains("the deploy's outcome stands: SUCCESS");
        assertThat(r.out()).containsPattern("SUCCESS: [1-9][0-9]* executed, 0 cached, 0 failed");
        assertThat(r.err()).startsWith("deployed, but " + warning).endsWith("(exit 5)" + System.lineSeparator());
        JsonNode report =
                new ObjectMapper().readTree(cache.resolve("run-report.json").toFile());
        assertThat(report.path("exitStatus").asInt()).isZero();
        assertThat(report.path("cacheSaveWarning").asText()).startsWith(warning);
        assertThat(cache.resolve("junit.xml")).exists();
        assertThat(new picocli.CommandLine(new DeployCommand()).getUsageMessage())
                .contains("Exit statuses:")
                .containsPattern("\\n +5 +deployed, but the cache save after the run failed");
    }

    @Test
    void shouldExitWithTheRunsOwnStatusWhenTasksFailedAndTheSaveFailedToo() throws Exception {
        Path cache = tmp.resolve("cache");
        sandbox.standIn().faults().fail("ProvisionProduct", "AccessDeniedException", "not today", null);
        CliTest.Result r;
        try {
            r = onReadOnlyS3("deploy", DEMO.toString(), "--cache-dir", cache.toString(), "--workers", "4");
        } finally {
            sandbox.standIn().faults().clear();
        }

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("WARNING cache not saved", "the deploy's outcome stands: TASK_FAILURES");
        assertThat(r.err()).doesNotContain("deployed, but");
        JsonNode report =
                new ObjectMapper().readTree(cache.resolve("run-report.json").toFile());
        assertThat(report.path("outcome").asText()).isEqualTo("TASK_FAILURES");
        assertThat(report.path("cacheSaveWarning").asText()).startsWith("cache not saved");
    }
}
