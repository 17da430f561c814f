package io.jenkins.plugins.scpuppet.cli;

import static io.jenkins.plugins.scpuppet.cli.CliTest.DEMO;
import static io.jenkins.plugins.scpuppet.cli.CliTest.HUB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scpuppet.manifest.AccountResolver;
import io.jenkins.plugins.scpuppet.manifest.ExpandedManifest;
import io.jenkins.plugins.scpuppet.manifest.Expander;
import io.jenkins.plugins.scpuppet.manifest.ExpansionOptions;
import io.jenkins.plugins.scpuppet.manifest.ManifestLoader;
import io.jenkins.plugins.scpuppet.sandbox.Sandbox;
import io.jenkins.plugins.scpuppet.standin.Iam;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** bootstrap-spoke-as, release-spoke and uninstall against the sandbox, through the CLI. */
class RemovalCliTest {
    private static final String PROD = "222222222222";
    private static final String HOP = "444444444444";
    private static final String SPOKE = "555555555555";
    private static final String SPOKE_STACK = "servicecatalog-puppet-spoke";
    private static final String HUB_STACK = "servicecatalog-puppet-jenkins";
    private static final String CACHE_BUCKET = "sc-puppet-caching-bucket-" + HUB + "-eu-west-1";

    @TempDir
    Path tmp;

    private static CliTest.Result on(Sandbox sandbox, String... args) {
        return CliTest.onSandbox(sandbox, List.of("--puppet-account-id", HUB, "--home-region", "eu-west-1"), args);
    }

    /** The CLI run with the caller's own keys in {@code account} (a spoke's administrator), not the hub's. */
    private static CliTest.Result inAccount(Sandbox sandbox, String account, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(
                "--endpoint-url",
                sandbox.standIn().endpoint().toString(),
                "--s3-endpoint-url",
                sandbox.s3Endpoint().toString(),
                "--home-region",
                "eu-west-1"));
        try {
            System.setProperty("aws.accessKeyId", Sandbox.ACCESS_KEY_PREFIX + account);
            System.setProperty("aws.secretAccessKey", "sandbox-secret");
            return CliTest.cli(all.toArray(String[]::new));
        } finally {
            System.setProperty("aws.accessKeyId", Sandbox.ACCESS_KEY_PREFIX + HUB);
        }
    }

    private static String trustOf(String principal) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + principal
                + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    }

    /** The hub stack, its first config written to a local file (a fresh sandbox's hub has no PuppetRole yet). */
    private void bootstrap(Sandbox sandbox) {
        CliTest.Result r = on(
                sandbox,
                "bootstrap",
                "--config-file",
                tmp.resolve("config.yaml").toString());
        assertThat(r.exit()).as(r.err()).isZero();
    }

    @Test
    void shouldBootstrapTheSpokeOfTheLastRoleOfAChain() throws Exception {
        try (Sandbox sandbox = new Sandbox(HUB)) {
            Iam iam = sandbox.iam();
            iam.putRole(
                    HOP,
                    "/",
                    "Hop",
                    trustOf("arn:aws:iam::" + HUB + ":root"),
                    Map.of(),
                    List.of(Iam.ADMINISTRATOR_ACCESS),
                    null);
            // Only the first hop's role may assume the last one: the chain must really go through it.
            iam.putRole(
                    SPOKE,
                    "/",
                    "Landing",
                    trustOf("arn:aws:iam::" + HOP + ":role/Hop"),
                    Map.of(),
                    List.of(Iam.ADMINISTRATOR_ACCESS),
                    null);
            String hop = "arn:aws:iam::" + HOP + ":role/Hop";
            String landing = "arn:aws:iam::" + SPOKE + ":role/Landing";

            CliTest.Result skipping = on(sandbox, "bootstrap-spoke-as", HUB, landing);
            assertThat(skipping.exit()).as(skipping.out() + skipping.err()).isEqualTo(3);
            assertThat(skipping.err())
                    .contains("not authorized to perform: sts:AssumeRole")
                    .doesNotContain("sandbox-secret");

            CliTest.Result chained = on(sandbox, "bootstrap-spoke-as", HUB, hop, landing);
            assertThat(chained.exit()).as(chained.err()).isZero();
            assertThat(chained.out()).contains("account " + SPOKE + ": stack " + SPOKE_STACK + ": created");
            assertThat(chained.out() + chained.err())
                    .as("no credentials of any hop")
                    .doesNotContain("standin-secret")
                    .doesNotContain("standin-session-token")
                    .doesNotContain("sandbox-secret");
            assertThat(sandbox.standIn().cloudFormation().stacks(SPOKE, "eu-west-1"))
                    .containsKey(SPOKE_STACK);
            assertThat(sandbox.standIn().cloudFormation().stacks(HOP, "eu-west-1"))
                    .doesNotContainKey(SPOKE_STACK);
            assertThat(iam.roleArn(SPOKE, "PuppetRole")).isNotNull();
        }
    }

    @Test
    void shouldRefuseAMalformedRoleArnAsAUsageErrorNamingIt() {
        CliTest.Result r = CliTest.cli(
                "bootstrap-spoke-as", HUB, "arn:aws:iam::" + HOP + ":role/Hop", "arn:aws:iam::12:user/someone");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("ROLE_ARN 2")
                .contains("arn:aws:iam::12:user/someone")
                .contains("Usage:");
    }

    @Test
    void shouldRefuseToReleaseASpokeWhoseProductsStillNeedItUnlessForced() throws Exception {
        ExpandedManifest demo = new Expander(AccountResolver.NONE)
                .expand(new ManifestLoader().load(DEMO, HUB), new ExpansionOptions(HUB, "eu-west-1", List.of()));
        try (Sandbox sandbox = new Sandbox(HUB)) {
            sandbox.seed(demo, "eu-west-1", List.of("eu-west-1", "eu-west-2"));
            CliTest.Result deploy =
                    on(sandbox, "deploy", DEMO.toString(), "--cache-dir", tmp.toString(), "--no-mirror");
            assertThat(deploy.exit()).as(deploy.err()).isZero();
            String[] release = {"release-spoke", HUB, "--region", "eu-west-1", "--region", "eu-west-2"};

            CliTest.Result refused = inAccount(sandbox, PROD, release);

            assertThat(refused.exit()).as(refused.out() + refused.err()).isEqualTo(ExitCodes.STILL_IN_USE);
            assertThat(refused.err())
                    .contains("release-spoke refused")
                    .contains("baseline-vpc")
                    .contains(" in eu-west-2, launched by arn:aws:sts::" + PROD + ":assumed-role/PuppetRole/")
                    .contains("Nothing was deleted");
            assertThat(sandbox.standIn().cloudFormation().stacks(PROD, "eu-west-1"))
                    .containsKey(SPOKE_STACK);

            List<String> forced = new ArrayList<>(List.of(release));
            forced.add("--force");
            CliTest.Result released = inAccount(sandbox, PROD, forced.toArray(String[]::new));

            assertThat(released.exit()).as(released.err()).isZero();
            assertThat(released.out()).contains("stack " + SPOKE_STACK + ": deleted");
            assertThat(sandbox.standIn().cloudFormation().stacks(PROD, "eu-west-1"))
                    .doesNotContainKey(SPOKE_STACK);
            assertThat(sandbox.standIn().cloudFormation().stacks(HUB, "eu-west-1"))
                    .as("another account's spoke stack stays")
                    .containsKey(SPOKE_STACK);
        }
    }

    @Test
    void shouldUninstallTheHubStack() throws Exception {
        try (Sandbox sandbox = new Sandbox(HUB)) {
            bootstrap(sandbox);
            assertThat(sandbox.standIn().cloudFormation().stacks(HUB, "eu-west-1"))
                    .containsKey(HUB_STACK);

            CliTest.Result r = on(sandbox, "uninstall");

            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("stack " + HUB_STACK + ": deleted");
            assertThat(sandbox.standIn().cloudFormation().stacks(HUB, "eu-west-1"))
                    .doesNotContainKey(HUB_STACK);
            assertThat(on(sandbox, "uninstall").out()).contains("stack " + HUB_STACK + ": none to delete");
        }
    }

    @Test
    void shouldEmptyAVersionedCacheBucketOnlyWhenForced() throws Exception {
        try (Sandbox sandbox = new Sandbox(HUB)) {
            bootstrap(sandbox);
            S3Client s3 = sandbox.clients().s3("eu-west-1");
            s3.createBucket(r -> r.bucket(CACHE_BUCKET));
            s3.putBucketVersioning(r -> r.bucket(CACHE_BUCKET).versioningConfiguration(v -> v.status("Enabled")));
            s3.putObject(r -> r.bucket(CACHE_BUCKET).key("output/a"), RequestBody.fromString("1"));
            s3.putObject(r -> r.bucket(CACHE_BUCKET).key("output/a"), RequestBody.fromString("2"));
            s3.putObject(r -> r.bucket(CACHE_BUCKET).key("output/b"), RequestBody.fromString("3"));
            s3.deleteObject(r -> r.bucket(CACHE_BUCKET).key("output/b"));

            CliTest.Result refused = on(sandbox, "uninstall");

            assertThat(refused.exit()).as(refused.err()).isEqualTo(ExitCodes.STILL_IN_USE);
            assertThat(refused.err()).contains("bucket " + CACHE_BUCKET + " holds objects");
            assertThat(sandbox.standIn().cloudFormation().stacks(HUB, "eu-west-1"))
                    .containsKey(HUB_STACK);

            CliTest.Result forced = on(sandbox, "uninstall", "--force");

            assertThat(forced.exit()).as(forced.err()).isZero();
            // Three versions of two keys and the delete marker of output/b.
            assertThat(forced.out())
                    .contains("stack " + HUB_STACK + ": deleted; 4 object versions and delete markers deleted");
            assertThat(sandbox.standIn().cloudFormation().stacks(HUB, "eu-west-1"))
                    .doesNotContainKey(HUB_STACK);
            assertThatThrownBy(() -> s3.headBucket(r -> r.bucket(CACHE_BUCKET)))
                    .isInstanceOf(NoSuchBucketException.class);
        }
    }

    @Test
    void shouldFailToDeleteAStackWhoseBucketHoldsObjectsAsCloudFormationDoes() throws Exception {
        try (Sandbox sandbox = new Sandbox(HUB)) {
            bootstrap(sandbox);
            S3Client s3 = sandbox.clients().s3("eu-west-1");
            s3.createBucket(r -> r.bucket(CACHE_BUCKET));
            s3.putObject(r -> r.bucket(CACHE_BUCKET).key("output/a"), RequestBody.fromString("1"));
            var cf = sandbox.clients().cloudFormation(null, "eu-west-1");

            cf.deleteStack(r -> r.stackName(HUB_STACK));

            var stack = cf.describeStacks(r -> r.stackName(HUB_STACK)).stacks().get(0);
            assertThat(stack.stackStatusAsString()).isEqualTo("DELETE_FAILED");
            assertThat(stack.stackStatusReason()).contains("CachingBucket");
            List<StackEvent> events =
                    cf.describeStackEvents(r -> r.stackName(HUB_STACK)).stackEvents();
            assertThat(events.get(0).resourceStatusAsString()).isEqualTo("DELETE_FAILED");
            assertThat(events).anySatisfy(e -> {
                assertThat(e.logicalResourceId()).isEqualTo("CachingBucket");
                assertThat(e.resourceType()).isEqualTo("AWS::S3::Bucket");
                assertThat(e.resourceStatusReason()).contains("The bucket you tried to delete is not empty");
            });
            assertThat(s3.headBucket(r -> r.bucket(CACHE_BUCKET))
                            .sdkHttpResponse()
                            .isSuccessful())
                    .isTrue();
        }
    }
}
