package io.jenkins.plugins.scpuppet.cli;

import static io.jenkins.plugins.scpuppet.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scpuppet.manifest.AccountResolver;
import io.jenkins.plugins.scpuppet.manifest.Expander;
import io.jenkins.plugins.scpuppet.manifest.ExpansionOptions;
import io.jenkins.plugins.scpuppet.manifest.ManifestLoader;
import io.jenkins.plugins.scpuppet.mirror.CacheBucket;
import io.jenkins.plugins.scpuppet.sandbox.Sandbox;
import io.jenkins.plugins.scpuppet.standin.ServiceCatalogService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A SecureString launch parameter through the whole CLI against the sandbox: the product receives the value, a second
 * deploy leaves it alone, a new value (with the launch moved to a new product version, so the run report carries a
 * PARAMETERS_CHANGED miss with its old and new values) updates it, and neither value is in any output, log, report,
 * JUnit file, journal, target or object of the cache bucket.
 */
class SecureStringCliTest {
    private static final String HUB = CliTest.HUB;
    private static final String SPOKE = "222222222222";
    private static final String NAME = "/app/db-password";
    /** Every way a SecureString reaches AWS: a launch parameter, an action's build, a lambda payload. */
    private static final Path MANIFEST = Path.of("..", "test-resources", "manifests", "secure-string", "manifest.yaml");

    @TempDir
    Path tmp;

    private final List<CliTest.Result> outputs = new ArrayList<>();

    @Test
    void shouldDeployTheValueAndWriteItNowhere() throws Exception {
        String sentinel = "sentinel-" + UUID.randomUUID();
        String rotated = "rotated-" + UUID.randomUUID();
        Path manifest = Files.copy(MANIFEST, tmp.resolve("manifest.yaml"));
        String text = Files.readString(manifest);
        assertThat(text).contains("version: v1\n");
        Path moved = Files.writeString(tmp.resolve("moved.yaml"), text.replace("version: v1\n", "version: v2\n"));
        Path cache = tmp.resolve("cache");
        String[] deploy = {"deploy", manifest.toString(), "--cache-dir", cache.toString(), "--workers", "4"};
        String[] deployMoved = {"deploy", moved.toString(), "--cache-dir", cache.toString(), "--workers", "4"};
        try (Sandbox box = new Sandbox(HUB)) {
            for (Path m : List.of(manifest, moved)) {
                box.seed(
                        new Expander(AccountResolver.NONE)
                                .expand(
                                        new ManifestLoader().load(m, HUB),
                                        new ExpansionOptions(HUB, "eu-west-1", List.of())),
                        "eu-west-1",
                        List.of("eu-west-1"));
            }
            box.standIn().ssm().putSecure(HUB, "eu-west-1", NAME, sentinel);
            ServiceCatalogService sc = box.standIn().serviceCatalog();

            CliTest.Result first = against(box, deploy);
            String receivedFirst = parameter(sc);
            CliTest.Result second = against(box, append(deploy, "--output", "json"));
            long updatesAfterSecond = sc.records("UPDATE_PROVISIONED_PRODUCT");
            box.standIn().ssm().putSecure(HUB, "eu-west-1", NAME, rotated);
            CliTest.Result third = against(box, deployMoved);
            String thirdReport = Files.readString(cache.resolve("run-report.json"));
            CliTest.Result save = against(box, "cache", "save", "--cache-dir", cache.toString());

            assertThat(first.exit()).as(first.out() + first.err()).isZero();
            assertThat(receivedFirst).isEqualTo(sentinel);
            assertThat(second.exit()).isZero();
            assertThat(second.err()).contains("cache hit rate 100%");
            assertThat(updatesAfterSecond).isZero();
            assertThat(third.exit()).as(third.out() + third.err()).isZero();
            assertThat(third.out()).contains(" parameters changed");
            assertThat(thirdReport)
                    .contains("\"missReason\" : \"PARAMETERS_CHANGED\"")
                    .contains("\"old\" : \"v1\"")
                    .contains("\"new\" : \"v2\"");
            assertThat(sc.records("UPDATE_PROVISIONED_PRODUCT")).isEqualTo(1);
            assertThat(parameter(sc)).isEqualTo(rotated);
            assertThat(save.exit()).isZero();

            List<String> everything = new ArrayList<>();
            outputs.forEach(r -> everything.add(r.out() + r.err()));
            everything.add(filesUnder(cache));
            everything.add(bucketObjects(box));
            assertThat(everything.get(everything.size() - 1)).contains("output/"); // the bucket was read
            assertThat(everything.get(everything.size() - 2)).contains("results.jsonl", "run-report.json", "junit.xml");
            assertThat(String.join("\n", everything)).doesNotContain(sentinel).doesNotContain(rotated);
        }
    }

    private static String parameter(ServiceCatalogService sc) {
        return sc.provisioned(SPOKE, "eu-west-1").get(0).parameters().get("DbPassword");
    }

    private CliTest.Result against(Sandbox box, String... args) {
        System.setProperty("aws.accessKeyId", Sandbox.ACCESS_KEY_PREFIX + HUB);
        System.setProperty("aws.secretAccessKey", "sandbox-secret");
        String[] all = append(
                args,
                "--endpoint-url",
                box.standIn().endpoint().toString(),
                "--s3-endpoint-url",
                box.s3Endpoint().toString(),
                "--puppet-account-id",
                HUB,
                "--home-region",
                "eu-west-1");
        CliTest.Result r = cli(all);
        outputs.add(r);
        return r;
    }

    private static String[] append(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** Every file the deploys wrote: targets, the run journals, run-report.json and junit.xml. */
    private static String filesUnder(Path root) throws Exception {
        StringBuilder all = new StringBuilder();
        try (var files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.append(root.relativize(f))
                        .append('\n')
                        .append(Files.readString(f))
                        .append('\n');
            }
        }
        return all.toString();
    }

    /** Every object of the cache bucket, key and body. */
    private static String bucketObjects(Sandbox box) {
        S3Client s3 = box.clients().s3("eu-west-1");
        String bucket = CacheBucket.of(HUB, "eu-west-1").name();
        StringBuilder all = new StringBuilder();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket))
                .contents()
                .forEach(o -> all.append(o.key())
                        .append('\n')
                        .append(s3.getObjectAsBytes(b -> b.bucket(bucket).key(o.key()))
                                .asString(StandardCharsets.UTF_8))
                        .append('\n'));
        return all.toString();
    }
}
