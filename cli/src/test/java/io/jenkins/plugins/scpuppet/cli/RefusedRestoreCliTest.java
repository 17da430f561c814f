package io.jenkins.plugins.scpuppet.cli;

import static io.jenkins.plugins.scpuppet.cli.CliTest.DEMO;
import static io.jenkins.plugins.scpuppet.cli.CliTest.HUB;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scpuppet.mirror.CacheBucket;
import io.jenkins.plugins.scpuppet.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A cache bucket holding a target but no signed index (as aws s3 sync leaves it, or anyone who can write the bucket):
 * {@code cache restore} and {@code deploy} exit 6 saying why and what to do, restore nothing and run no task, until
 * told to trust it.
 */
class RefusedRestoreCliTest {
    private static final String BUCKET = CacheBucket.of(HUB, "eu-west-1").name();
    private static Sandbox sandbox;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.forManifest(DEMO, HUB, "eu-west-1");
        sandbox.clients()
                .s3("eu-west-1")
                .putObject(b -> b.bucket(BUCKET).key("output/Params/n=planted.json"), RequestBody.fromString("{}"));
    }

    @AfterAll
    static void stop() throws Exception {
        sandbox.close();
    }

    private CliTest.Result against(String... args) {
        return CliTest.onSandbox(sandbox, List.of("--puppet-account-id", HUB, "--home-region", "eu-west-1"), args);
    }

    @Test
    void shouldExitSixWithTheReasonAndRestoreNothingUntilTrusted() {
        Path cache = tmp.resolve("cache");

        CliTest.Result refused = against("cache", "restore", "--cache-dir", cache.toString());

        assertThat(refused.exit()).as(refused.out() + refused.err()).isEqualTo(6);
        assertThat(refused.err())
                .startsWith("cache not restored: s3://" + BUCKET + " holds no cache index but 1 objects under output/")
                .contains("nothing was trusted or written", "--trust-unindexed", "puppet cache purge");
        assertThat(cache.resolve("output")).doesNotExist();

        CliTest.Result trusted = against("cache", "restore", "--cache-dir", cache.toString(), "--trust-unindexed");

        assertThat(trusted.exit()).as(trusted.out() + trusted.err()).isZero();
        assertThat(cache.resolve("output/Params/n=planted.json")).exists();
        assertThat(new picocli.CommandLine(new CacheCommands.Restore()).getUsageMessage())
                .containsPattern("\\n +6 +refused: the bucket holds objects but no authenticated index");
    }

    @Test
    void shouldExitSixFromDeployBeforeAnyTaskRuns() {
        Path cache = tmp.resolve("deploy-cache");
        long provisionedBefore = sandbox.standIn().serviceCatalog().records("PROVISION_PRODUCT");

        CliTest.Result r = against("deploy", DEMO.toString(), "--cache-dir", cache.toString(), "--workers", "4");

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(6);
        assertThat(r.err()).contains("cache not restored: s3://" + BUCKET, "--trust-unindexed");
        assertThat(cache.resolve("run-report.json")).doesNotExist();
        assertThat(sandbox.standIn().serviceCatalog().records("PROVISION_PRODUCT"))
                .isEqualTo(provisionedBefore);
        assertThat(new picocli.CommandLine(new DeployCommand()).getUsageMessage())
                .containsPattern("\\n +6 +cache not restored");
    }
}
