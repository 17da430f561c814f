package io.jenkins.plugins.scpuppet.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.TaskListener;
import io.jenkins.plugins.scpuppet.bootstrap.BootstrapOptions;
import io.jenkins.plugins.scpuppet.mirror.CacheBucket;
import io.jenkins.plugins.scpuppet.sandbox.Sandbox;
import io.jenkins.plugins.scpuppet.sandbox.StandInSeeder;
import io.jenkins.plugins.scpuppet.steps.PuppetDeployStep;
import io.jenkins.plugins.scpuppet.steps.StepCallables;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * JEP-200: everything that crosses the remoting channel between the controller and an agent passes Jenkins' class
 * filter, mimicked strictly by {@link StrictClassFilter}: every callable as the steps build it, every result and every
 * exception the callables throw, produced by running them agent-side against the AWS stand-in and a local S3.
 */
class CallableClassFilterTest {
    private static final String HUB = "111111111111";
    private static final Path DEMO = Path.of("..", "test-resources", "manifests", "demo", "manifest.yaml");
    private static final Class<?> PLUGIN = PuppetDeployStep.class;
    private static final Class<?> JENKINS_CORE = AbortException.class;

    private static Sandbox sandbox;

    @TempDir
    Path workspace;

    private final StrictClassFilter filter = new StrictClassFilter(PLUGIN, JENKINS_CORE);

    @BeforeAll
    static void startTheSandbox() throws Exception {
        sandbox = Sandbox.forManifest(DEMO, HUB, "eu-west-1");
    }

    @AfterAll
    static void stopTheSandbox() throws Exception {
        sandbox.close();
    }

    /** What withEnv/withAWS would set for the hub: keys, region, the stand-in's endpoint and S3's own. */
    private static Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", StandInSeeder.ACCESS_KEY_PREFIX + HUB);
        env.put("AWS_SECRET_ACCESS_KEY", StandInSeeder.SECRET_KEY);
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_ENDPOINT_URL", sandbox.standIn().endpoint().toString());
        env.put("AWS_ENDPOINT_URL_S3", sandbox.s3Endpoint().toString());
        return env;
    }

    private static Object run(FilePath.FileCallable<?> callable, Path workspace) throws Exception {
        return callable.invoke(workspace.toFile(), null);
    }

    /** What a callable threw, checked to be one a callable may throw and to pass the filter unchanged. */
    private Throwable thrownAcross(FilePath.FileCallable<?> callable) throws Exception {
        Throwable thrown = catchThrowable(() -> run(callable, workspace));
        assertThat(thrown).isNotNull();
        assertThat(thrown.getClass()).isIn(AbortException.class, IOException.class, InterruptedException.class);
        assertThat(thrown).hasNoCause();
        Throwable back = (Throwable) filter.roundTrip(thrown);
        assertThat(back).hasSameClassAs(thrown).hasMessage(thrown.getMessage()).hasNoCause();
        assertThat(filter.refused()).isEmpty();
        return thrown;
    }

    @Test
    void shouldPermitOnlyJdkClassesJenkinsWhitelists() {
        // The strict filter names the JDK classes it needs; each must be one core's whitelist names too.
        assertThat(JenkinsClassFilter.whitelist()).containsAll(StrictClassFilter.WHITELISTED_JDK_CLASSES);
    }

    @Test
    void shouldPermitOnlyThePluginsAndJenkinsClassesAndRefuseAnSdkException() throws Exception {
        S3Exception sdk = (S3Exception) S3Exception.builder()
                .message("Access Denied")
                .statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("AccessDenied")
                        .errorMessage("Access Denied")
                        .serviceName("S3")
                        .build())
                .build();

        assertThat(filter.permittedLocations())
                .anySatisfy(u -> assertThat(u.toString()).endsWith("/plugin-check/target/classes/"))
                .hasSize(2);
        assertThatThrownBy(() -> filter.roundTrip(sdk)).isInstanceOf(InvalidClassException.class);
        assertThat(filter.refused()).containsExactly(S3Exception.class.getName());
        assertThatThrownBy(() -> filter.roundTrip(new BootstrapOptions(30, null, false, null)))
                .isInstanceOf(InvalidClassException.class);
        assertThatThrownBy(() -> filter.roundTrip(new IdentityHashMap<>(Map.of("a", "b"))))
                .isInstanceOf(InvalidClassException.class);
        assertThatThrownBy(() -> filter.roundTrip(new IllegalStateException("not a callable's")))
                .isInstanceOf(InvalidClassException.class);
        assertThat(filter.refused())
                .containsExactly(
                        S3Exception.class.getName(),
                        BootstrapOptions.class.getName(),
                        IdentityHashMap.class.getName(),
                        IllegalStateException.class.getName());
    }

    @Test
    void shouldSendEveryCallableAsTheStepsBuildIt() throws Exception {
        TaskListener listener = StepCallables.listener();
        List<FilePath.FileCallable<?>> callables = List.of(
                StepCallables.deploy("manifest.yaml", true, env(), listener),
                StepCallables.bootstrap("eu-west-1", "arn:aws:iam::111111111111:policy/cap", env(), listener),
                StepCallables.purge("Task(a=1)", false, true, env(), listener),
                StepCallables.purge(null, true, false, env(), listener),
                StepCallables.setConfig("is_caching_enabled", "True", env(), listener),
                StepCallables.dryRun("manifest.yaml", env(), listener),
                StepCallables.listLaunches("manifest.yaml", env(), listener));

        for (FilePath.FileCallable<?> callable : callables) {
            assertThat(filter.roundTrip(callable)).hasSameClassAs(callable);
        }
        assertThat(filter.refused()).isEmpty();
    }

    @Test
    void shouldReturnOnlyPermittedResultsFromRealRuns() throws Exception {
        Files.copy(DEMO, workspace.resolve("manifest.yaml"));
        TaskListener listener = StepCallables.listener();
        List<Object> results = new ArrayList<>();

        results.add(run(StepCallables.deploy("manifest.yaml", true, env(), listener), workspace));
        results.add(run(StepCallables.purge(null, true, true, env(), listener), workspace));
        results.add(run(StepCallables.purge(null, false, true, env(), listener), workspace));
        results.add(run(StepCallables.bootstrap("eu-west-1", null, env(), listener), workspace));
        results.add(run(StepCallables.setConfig("is_caching_enabled", "True", env(), listener), workspace));
        results.add(run(StepCallables.dryRun("manifest.yaml", env(), listener), workspace));
        results.add(run(StepCallables.listLaunches("manifest.yaml", env(), listener), workspace));

        assertThat(StepCallables.log(listener)).contains("S3 endpoint " + sandbox.s3Endpoint());
        for (Object result : results) {
            assertThat(result).isInstanceOf(Serializable.class);
            assertThat(filter.roundTrip(result)).isEqualTo(result);
        }
        assertThat(results.get(0).toString()).contains("exitStatus=0").contains("caching enabled");
        assertThat(results.get(5).toString()).as("the dry-run rows come back").contains("NO_CHANGE");
        assertThat((List<?>) results.get(6)).as("the demo's launch targets").hasSize(7);
        assertThat(filter.refused()).isEmpty();
    }

    @Test
    void shouldFailTheBuildWithTheReasonWhenTheCacheIsNotAuthenticated() throws Exception {
        Files.copy(DEMO, workspace.resolve("manifest.yaml"));
        S3Client s3 = sandbox.clients().s3("eu-west-1");
        String bucket = CacheBucket.of(HUB, "eu-west-1").name();
        String index = "output/_puppet/index.json";
        String planted = "output/Params/n=planted.json";
        ResponseBytes<GetObjectResponse> before;
        try {
            before = s3.getObjectAsBytes(b -> b.bucket(bucket).key(index));
        } catch (NoSuchKeyException none) {
            before = null;
        }
        // As an older version (or anyone who can write the bucket) leaves it: a target and an index without a MAC.
        s3.putObject(b -> b.bucket(bucket).key(planted), RequestBody.fromString("{}"));
        s3.putObject(
                b -> b.bucket(bucket).key(index),
                RequestBody.fromString("{\"format\":1,\"generation\":1,\"objects\":{}}"));
        try {
            assertThat(thrownAcross(StepCallables.deploy("manifest.yaml", true, env(), StepCallables.listener())))
                    .isExactlyInstanceOf(AbortException.class)
                    .hasMessageStartingWith("cache not restored: s3://" + bucket + " holds a cache index without a MAC")
                    .hasMessageContaining("trustUnindexedCache: true");
        } finally {
            s3.deleteObject(b -> b.bucket(bucket).key(planted));
            if (before == null) {
                s3.deleteObject(b -> b.bucket(bucket).key(index));
            } else {
                ResponseBytes<GetObjectResponse> original = before;
                s3.putObject(
                        b -> b.bucket(bucket).key(index).metadata(original.response().metadata()),
                        RequestBody.fromBytes(original.asByteArray()));
            }
        }
    }

    @Test
    void shouldThrowOnlyPermittedExceptionsFromRealFailures() throws Exception {
        TaskListener log = StepCallables.listener();
        Files.writeString(workspace.resolve("bad.yaml"), "schema: puppet-2019-04-01\nlaunches: {x: {portfolio: p}}\n");

        assertThat(thrownAcross(StepCallables.deploy("bad.yaml", false, env(), log)))
                .hasMessageContaining("missing required key 'product'");
        assertThat(thrownAcross(StepCallables.deploy("absent.yaml", false, env(), log)))
                .hasMessageStartingWith("manifest not found: absent.yaml");
        Map<String, String> missingProfile = new LinkedHashMap<>(env());
        missingProfile.keySet().removeAll(List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"));
        missingProfile.put("AWS_PROFILE", "nope");
        missingProfile.put("AWS_CONFIG_FILE", workspace.resolve("config").toString());
        assertThat(thrownAcross(StepCallables.deploy("bad.yaml", false, missingProfile, log)))
                .hasMessageStartingWith("AWS profile 'nope'");
        // A missing bucket: S3 answers NoSuchBucket for an account nobody bootstrapped.
        Map<String, String> stranger = new LinkedHashMap<>(env());
        stranger.put("AWS_ACCESS_KEY_ID", StandInSeeder.ACCESS_KEY_PREFIX + "999999999999");
        assertThat(thrownAcross(StepCallables.purge(null, false, false, stranger, log)))
                .hasMessageContaining("NoSuchBucket");

        Files.writeString(workspace.resolve("config.yaml"), "is_caching_enabled: maybe\n");
        Files.copy(DEMO, workspace.resolve("manifest.yaml"));
        assertThat(thrownAcross(StepCallables.deploy("manifest.yaml", false, env(), log)))
                .hasMessageContaining("is_caching_enabled");
        Files.delete(workspace.resolve("config.yaml"));

        sandbox.standIn().faults().fail("GetCallerIdentity", "AccessDenied", "not authorized to call sts", null);
        try {
            assertThat(thrownAcross(StepCallables.deploy("manifest.yaml", false, env(), log)))
                    .hasMessageContaining("StsException: not authorized to call sts");
            assertThat(thrownAcross(StepCallables.bootstrap("eu-west-1", null, env(), log)))
                    .hasMessageContaining("StsException: not authorized to call sts");
            assertThat(thrownAcross(StepCallables.setConfig("is_caching_enabled", "True", env(), log)))
                    .hasMessageContaining("StsException: not authorized to call sts");
        } finally {
            sandbox.standIn().faults().clear();
        }
    }

    @Test
    void shouldThrowAPlainIoExceptionOrAnInterruptFromTheAgent() throws Exception {
        Files.copy(DEMO, workspace.resolve("manifest.yaml"));
        Files.writeString(workspace.resolve("cache-is-a-file"), "x");
        TaskListener log = StepCallables.listener();

        Throwable io = thrownAcross(StepCallables.deploy("manifest.yaml", "cache-is-a-file", false, env(), log));
        Thread.currentThread().interrupt();
        Throwable interrupted;
        try {
            interrupted = thrownAcross(StepCallables.deploy("manifest.yaml", false, env(), log));
        } finally {
            Thread.interrupted();
        }

        assertThat(io).isExactlyInstanceOf(IOException.class).hasMessageContaining("cache-is-a-file");
        assertThat(interrupted).isExactlyInstanceOf(InterruptedException.class);
    }
}
