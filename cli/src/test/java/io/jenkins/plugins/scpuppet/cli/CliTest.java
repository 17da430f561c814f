package io.jenkins.plugins.scpuppet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.scpuppet.manifest.AccountResolver;
import io.jenkins.plugins.scpuppet.manifest.Expander;
import io.jenkins.plugins.scpuppet.manifest.ExpansionOptions;
import io.jenkins.plugins.scpuppet.manifest.ManifestLoader;
import io.jenkins.plugins.scpuppet.sandbox.Sandbox;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI in-process: arguments, errors and exit statuses, and whole deploys against the sandbox. */
class CliTest {
    static final Path MANIFESTS =
            Path.of("..", "test-resources", "manifests").toAbsolutePath().normalize();
    static final Path DEMO = MANIFESTS.resolve("demo/manifest.yaml");
    static final String HUB = "111111111111";

    @TempDir
    Path tmp;

    record Result(int exit, String out, String err) {}

    static synchronized Result cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = PuppetCli.run(args);
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void shouldRefuseBadArgumentsWithExitTwo() {
        assertThat(cli("deploy").exit()).isEqualTo(2);
        assertThat(cli("deploy", DEMO.toString(), "--workers", "zero").exit()).isEqualTo(2);
        assertThat(cli("no-such-command").exit()).isEqualTo(2);
        Result badFormat = cli("graph", DEMO.toString(), "--format", "svg");
        assertThat(badFormat.exit()).isEqualTo(2);
        assertThat(badFormat.err()).contains("--format must be dot or json, got 'svg'");
        Result badSts = cli("deploy", DEMO.toString(), "--sts-endpoints", "global", "--puppet-account-id", HUB);
        assertThat(badSts.exit()).isEqualTo(2);
        assertThat(badSts.err()).contains("--sts-endpoints: STS endpoints must be regional or legacy, got 'global'");
    }

    @Test
    void shouldSayWhenTheManifestIsMissing() {
        Result r = cli("deploy", tmp.resolve("nope.yaml").toString(), "--sandbox");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("manifest not found: ").contains("nope.yaml");
        assertThat(cli("validate", tmp.resolve("nope.yaml").toString()).err()).contains("file not found: nope.yaml");
    }

    @Test
    void shouldPrintEveryManifestProblemWithItsPlaceAndExitTwo() {
        Result r = cli("validate", MANIFESTS.resolve("invalid/unknown-key.yaml").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("unknown-key.yaml:10:5: launches.vpc.versoin: unknown key 'versoin' (did you"
                        + " mean 'version'?)");
    }

    @Test
    void shouldValidateExpandGraphAndPlanOffline() throws Exception {
        assertThat(cli("validate", DEMO.toString()).out()).contains("is valid: 4 launches");
        JsonNode expanded =
                new ObjectMapper().readTree(cli("expand", DEMO.toString()).out());
        assertThat(expanded.path("launches").path("baseline-vpc")).hasSize(3);
        assertThat(cli("graph", DEMO.toString()).out()).startsWith("digraph puppet {");
        JsonNode graph = new ObjectMapper()
                .readTree(cli("graph", DEMO.toString(), "--format", "json").out());
        assertThat(graph.path("tasks_total").asInt()).isEqualTo(36);
        Result plan = cli("plan", DEMO.toString(), "--cache-dir", tmp.toString());
        assertThat(plan.exit()).isZero();
        assertThat(plan.out()).contains("0 cached");
    }

    @Test
    void shouldRefuseAnUnknownConfigNameOrBadValueListingWhatIsAccepted() {
        Path config = tmp.resolve("config.yaml");
        Result unknown = cli(
                "set-config-value",
                "is_cacheing_enabled",
                "True",
                "--config-file",
                config.toString(),
                "--puppet-account-id",
                HUB);
        Result bad = cli(
                "set-config-value",
                "is_caching_enabled",
                "maybe",
                "--config-file",
                config.toString(),
                "--puppet-account-id",
                HUB);
        Result ok = cli(
                "set-config-value",
                "regions",
                "eu-west-1,us-east-1",
                "--config-file",
                config.toString(),
                "--puppet-account-id",
                HUB);

        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err())
                .contains("unknown config name 'is_cacheing_enabled'; known names: regions,")
                .contains("is_caching_enabled");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("is_caching_enabled takes True or False, got 'maybe'");
        assertThat(ok.exit()).isZero();
        assertThat(cli("get-config-value", "regions", "--config-file", config.toString(), "--puppet-account-id", HUB)
                        .out())
                .contains("[eu-west-1, us-east-1]");
        assertThat(cli(
                                "get-config-value",
                                "is_caching_enabled",
                                "--config-file",
                                config.toString(),
                                "--puppet-account-id",
                                HUB)
                        .out()
                        .strip())
                .isEqualTo("false");
    }

    @Test
    void shouldSayClearlyWhenAwsCannotBeReached() {
        System.setProperty("aws.accessKeyId", "AKIAUNREACHABLE");
        System.setProperty("aws.secretAccessKey", "x");
        Result r =
                cli("get-config-value", "regions", "--endpoint-url", "http://127.0.0.1:1", "--puppet-account-id", HUB);
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).startsWith("cannot reach AWS: ").contains("check --endpoint-url");
    }

    /** One sandbox for the end-to-end tests, driven through the CLI's --endpoint-url options. */
    static Sandbox sandbox;

    @BeforeAll
    static void startSandbox() throws Exception {
        sandbox = new Sandbox(HUB);
        var expanded = new Expander(AccountResolver.NONE)
                .expand(new ManifestLoader().load(DEMO, HUB), new ExpansionOptions(HUB, "eu-west-1", List.of()));
        sandbox.seed(expanded, "eu-west-1", List.of("eu-west-1", "eu-west-2"));
    }

    @AfterAll
    static void stopSandbox() throws Exception {
        sandbox.close();
    }

    private Result against(String... args) {
        return onSandbox(sandbox, List.of("--puppet-account-id", HUB, "--home-region", "eu-west-1"), args);
    }

    /** Runs the CLI as the sandbox's hub caller against its stand-in and S3, with {@code options} after the args. */
    static Result onSandbox(Sandbox sandbox, List<String> options, String... args) {
        System.setProperty("aws.accessKeyId", Sandbox.ACCESS_KEY_PREFIX + HUB);
        System.setProperty("aws.secretAccessKey", "sandbox-secret");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(
                "--endpoint-url",
                sandbox.standIn().endpoint().toString(),
                "--s3-endpoint-url",
                sandbox.s3Endpoint().toString()));
        all.addAll(options);
        return cli(all.toArray(String[]::new));
    }

    private static JsonNode totals(Path reportDir) throws Exception {
        return new ObjectMapper()
                .readTree(reportDir.resolve("run-report.json").toFile())
                .path("totals");
    }

    @Test
    void shouldHonourTheCachingFlagAndPurgeEndToEnd() throws Exception {
        Path cache = tmp.resolve("cache");
        String[] deploy = {"deploy", DEMO.toString(), "--cache-dir", cache.toString(), "--workers", "4"};

        assertThat(against("set-config-value", "is_caching_enabled", "False").exit())
                .isZero();
        assertThat(against(deploy).exit()).isZero();
        JsonNode offFirst = totals(cache);
        assertThat(against(deploy).exit()).isZero();
        JsonNode offSecond = totals(cache);

        assertThat(against("set-config-value", "is_caching_enabled", "True").exit())
                .isZero();
        assertThat(against(deploy).exit()).isZero();
        Result cachedRun = against(deploy);
        JsonNode onSecond = totals(cache);

        Result purge = against("cache", "purge");
        Files.walk(cache.resolve("output"))
                .sorted(java.util.Comparator.reverseOrder())
                .forEach(p -> p.toFile().delete()); // a fresh workspace: the next deploy depends on S3 alone
        assertThat(against(deploy).exit()).isZero();
        JsonNode afterPurge = totals(cache);

        assertThat(offFirst.path("cached").asInt()).isZero();
        assertThat(offSecond.path("cached").asInt()).isZero();
        assertThat(offSecond.path("executed").asInt())
                .isEqualTo(offFirst.path("executed").asInt());
        assertThat(cachedRun.exit()).isZero();
        assertThat(cachedRun.out()).contains("cache hit rate 100%");
        assertThat(onSecond.path("cached").asInt())
                .isPositive()
                .isEqualTo(onSecond.path("cacheable").asInt());
        assertThat(purge.out()).contains("objects deleted");
        assertThat(afterPurge.path("cached").asInt()).isZero();
    }

    @Test
    void shouldSaveAndRestoreTheCacheOnItsOwnAndSayWhenAnotherBuildHoldsTheLease() throws Exception {
        Path built = tmp.resolve("save-cache");
        Path fresh = tmp.resolve("restore-cache");
        assertThat(against("deploy", DEMO.toString(), "--cache-dir", built.toString(), "--no-mirror")
                        .exit())
                .isZero();
        assertThat(against("cache", "purge").exit()).isZero();

        Result save = against("cache", "save", "--cache-dir", built.toString());
        Result again = against("cache", "save", "--cache-dir", built.toString());
        Result restore = against("cache", "restore", "--cache-dir", fresh.toString());
        Result fromRestored = against("deploy", DEMO.toString(), "--cache-dir", fresh.toString(), "--no-mirror");
        sandbox.clients()
                .s3("eu-west-1")
                .putObject(
                        b -> b.bucket(io.jenkins.plugins.scpuppet.mirror.CacheBucket.of(HUB, "eu-west-1")
                                        .name())
                                .key(io.jenkins.plugins.scpuppet.mirror.CacheKeys.LEASE),
                        software.amazon.awssdk.core.sync.RequestBody.fromString(
                                "{\"owner\":\"build 7 elsewhere\",\"expiresAt\":\"2999-01-01T00:00:00Z\"}"));
        // A new target (the engine's key shape: the mirror ignores any other file) so the save needs the lease.
        Files.createDirectories(built.resolve("output/New"));
        Files.writeString(built.resolve("output/New/n=a.json"), "{}");
        Result busy = against("cache", "save", "--cache-dir", built.toString(), "--lease-wait", "0");

        assertThat(save.exit()).isZero();
        assertThat(save.out())
                .containsPattern("saved .* to s3://sc-puppet-caching-bucket-" + HUB
                        + "-eu-west-1/output: [1-9][0-9]* transferred, 0 unchanged");
        assertThat(again.out()).contains(": 0 transferred");
        assertThat(restore.exit()).isZero();
        assertThat(restore.out()).contains("0 unchanged").doesNotContain("dropped");
        assertThat(fromRestored.out()).contains("cache hit rate 100%");
        assertThat(busy.exit()).isEqualTo(4);
        assertThat(busy.err()).contains("cache not saved", "held by build 7 elsewhere");
        assertThat(busy.out()).doesNotContain("saved");
    }

    @Test
    void shouldStartEachSpokesOwnDeployForExecutionSpokeInTheSandbox() throws Exception {
        Path cache = tmp.resolve("spoke-cache");

        Result r = cli(
                "deploy",
                MANIFESTS.resolve("spoke/manifest.yaml").toString(),
                "--sandbox",
                "--cache-dir",
                cache.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("EXECUTED RunDeployInSpokeTask(account_id=222222222222")
                .contains("EXECUTED RunDeployInSpokeTask(account_id=333333333333")
                .doesNotContain("X-Amz-Signature");
        assertThat(totals(cache).path("failed").asInt()).isZero();
    }

    @Test
    void shouldListAndPruneTheStaleTargetsOfALaunchRemovedFromTheManifest() throws Exception {
        // The demo without its flow-logs launch (the block from "  flow-logs:" to the next blank line).
        String demo = Files.readString(DEMO);
        int start = demo.indexOf("\n  flow-logs:\n");
        String trimmed = demo.substring(0, start + 1) + demo.substring(demo.indexOf("\n\n", start) + 2);
        Path smaller = Files.writeString(tmp.resolve("smaller.yaml"), trimmed);
        String[] cache = {"--cache-dir", tmp.resolve("stale-cache").toString()};

        assertThat(against("set-config-value", "is_caching_enabled", "True").exit())
                .isZero();
        assertThat(against(concat(new String[] {"deploy", DEMO.toString()}, cache))
                        .exit())
                .isZero();
        assertThat(against(concat(new String[] {"deploy", smaller.toString()}, cache))
                        .exit())
                .isZero();
        Result stale = against("cache", "ls", "--stale");
        Result pruned = against("cache", "purge", "--stale");
        Result after = against("cache", "ls", "--stale");

        assertThat(stale.exit()).isZero();
        assertThat(stale.out().lines().filter(l -> l.startsWith("output/")).toList())
                .isNotEmpty()
                .allMatch(l -> l.contains("flow-logs"), "only flow-logs' targets are stale");
        assertThat(pruned.out()).contains("objects deleted");
        assertThat(after.out()).contains("0 stale objects");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void shouldBootstrapTheHubOnceAndSayNothingChangedTheSecondTime() {
        Result first = against("bootstrap");
        Result second = against("bootstrap");

        assertThat(first.exit()).isZero();
        assertThat(first.out()).contains("stack servicecatalog-puppet-jenkins: ");
        assertThat(second.exit()).isZero();
        assertThat(second.out()).contains("stack servicecatalog-puppet-jenkins: unchanged");
    }

    @Test
    void shouldListConfigValuesAndCacheObjectsAndBootstrapASpoke() {
        Result list = against("list-config-values");
        Result spoke = against("bootstrap-spoke", HUB);
        Path cache = tmp.resolve("ls-cache");
        assertThat(against("set-config-value", "is_caching_enabled", "True").exit())
                .isZero();
        assertThat(against("deploy", DEMO.toString(), "--cache-dir", cache.toString())
                        .exit())
                .isZero();
        Result ls = against("cache", "ls");
        Result ambiguous = against(
                "cache", "purge", "--task", "ProvisioningArtifactParametersTask(account_id=333333333333", "--dry-run");
        Result dry = against(
                "cache",
                "purge",
                "--task",
                "ProvisioningArtifactParametersTask(account_id=333333333333, portfolio=demo-networking-portfolio",
                "--dry-run");

        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("is_caching_enabled: ").contains("regions: ");
        assertThat(spoke.exit()).isZero();
        assertThat(spoke.out()).contains("stack servicecatalog-puppet-spoke: ");
        assertThat(ls.exit()).isZero();
        assertThat(ls.out())
                .contains("output/ProvisioningArtifactParametersTask/")
                .contains("output/_puppet/index.json");
        assertThat(ambiguous.exit()).isEqualTo(2);
        assertThat(ambiguous.err()).contains("matches 2 tasks; be more specific");
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("would delete s3://").contains("dry run: nothing deleted");
    }

    @Test
    void shouldBootstrapEverySpokeInAnOuAndTakeThemFromTheCacheTheSecondTime() {
        sandbox.standIn()
                .organizations()
                .ou("ou-cli0-12345678", "cli", "r-root")
                .account("555555555555", "s1", "ou-cli0-12345678", true)
                .account("666666666666", "s2", "ou-cli0-12345678", true);
        String cache = tmp.resolve("ou-cache").toString();

        Result first = against("bootstrap-spokes-in-ou", "/cli", "OrganizationAccountAccessRole", "--cache-dir", cache);
        Result second =
                against("bootstrap-spokes-in-ou", "/cli", "OrganizationAccountAccessRole", "--cache-dir", cache);

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("EXECUTED BootstrapSpokeAsTask(account_id=555555555555")
                .contains("SUCCESS: 2 accounts");
        assertThat(second.out()).contains("CACHED   BootstrapSpokeAsTask(account_id=666666666666");
        assertThat(sandbox.standIn().cloudFormation().stacks("555555555555", "eu-west-1"))
                .containsKey("servicecatalog-puppet-spoke");
    }

    @Test
    void shouldResetTheOwnerOfEveryProvisionedLaunch() {
        Path cache = tmp.resolve("owner-cache");
        assertThat(against("deploy", DEMO.toString(), "--cache-dir", cache.toString(), "--no-mirror")
                        .exit())
                .isZero();

        Result r = against("reset-provisioned-product-owner", DEMO.toString(), "--cache-dir", cache.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("EXECUTED ResetProvisionedProductOwnerTask(account_id=222222222222")
                .contains("SUCCESS: 7 provisioned products");
    }

    @Test
    void shouldPrintTheRunReportAsJsonForScripts() throws Exception {
        Path cache = tmp.resolve("json-cache");
        Result r =
                against("deploy", DEMO.toString(), "--cache-dir", cache.toString(), "--output", "json", "--no-mirror");

        assertThat(r.exit()).isZero();
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertThat(report.path("schema").asText()).isEqualTo("scpuppet-run-report/1");
        assertThat(report.path("outcome").asText()).isEqualTo("SUCCESS");
        assertThat(r.err())
                .contains("caching is enabled")
                .doesNotContain("restored cache")
                .doesNotContain("saved cache");
    }
}
