package io.jenkins.plugins.scpuppet.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.aws.AwsSettings;
import io.jenkins.plugins.scpuppet.standin.FaultProxy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The mirror against S3Proxy through the project's fault proxy, answering a seeded share of requests SlowDown. */
class ThrottledMirrorTest {
    static final int TARGETS = 2_000;
    /** Five seconds' worth at the rate limit of {@link #shouldNarrowTheWindowUnderARateLimitAndLoseNothing}. */
    static final int RATE_LIMITED_TARGETS = 500;

    @TempDir
    Path tmp;

    private LocalS3 server;
    private FaultProxy faults;
    private AwsClients clients;
    private AwsSettings settings;

    @BeforeEach
    void start() throws Exception {
        server = new LocalS3();
        faults = FaultProxy.start(server.endpoint());
        settings = LocalS3.settingsAt(faults.endpoint());
        clients = new AwsClients(settings);
    }

    @AfterEach
    void stop() throws Exception {
        clients.close();
        faults.close();
        server.close();
    }

    private CacheMirror mirror(String bucketName) {
        CacheBucket bucket = new CacheBucket(bucketName, LocalS3.ACCOUNT, null);
        server.s3.createBucket(b -> b.bucket(bucketName));
        return new CacheMirror(
                new S3Store(clients.s3("eu-west-1"), bucket),
                MirrorOptions.DEFAULT.withLeaseTimeout(Duration.ZERO, true),
                Clock.systemUTC(),
                server.signer());
    }

    private static void makeTargets(Path root) throws IOException {
        makeTargets(root, TARGETS);
    }

    private static void makeTargets(Path root, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            Path f = root.resolve("output/ProvisioningArtifactParametersTask/account_id=" + (100000000000L + i / 40)
                    + "/region=eu-west-1/launch=launch-" + (i % 40) + ".json");
            Files.createDirectories(f.getParent());
            Files.writeString(f, "{\"format\":1,\"i\":" + i + ",\"pad\":\"" + "x".repeat(200) + "\"}");
        }
    }

    /** Every file under output/, by relative path, with its bytes as text. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        Path output = root.resolve("output");
        try (Stream<Path> walk = Files.walk(output)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                files.put(output.relativize(f).toString(), Files.readString(f, StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }

    /** A save from the workspace, then a restore into an empty folder; returns the seconds both took. */
    private double saveThenRestore(String bucket, Path source, Path into) throws Exception {
        // The workspace remembers what it last published; a save to another bucket must not trust that memory.
        try (Stream<Path> memos = Files.list(source)) {
            for (Path m : memos.filter(f -> f.getFileName().toString().startsWith(".puppet-mirror-"))
                    .toList()) {
                Files.delete(m);
            }
        }
        long start = System.nanoTime();
        try (CacheMirror mirror = mirror(bucket)) {
            MirrorResult saved = mirror.save(source, "build-1");
            MirrorResult restored = mirror.restore(into);
            assertThat(saved.transferred()).isEqualTo(TARGETS);
            assertThat(restored.transferred()).isEqualTo(TARGETS);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    @Test
    void shouldSaveAndRestoreEveryTargetWhileThirtyPercentOfRequestsAreThrottled() throws Exception {
        Path source = tmp.resolve("source");
        makeTargets(source);
        Map<String, String> expected = tree(source);

        double healthy = saveThenRestore("healthy-bucket", source, tmp.resolve("restored-healthy"));
        long healthyRequests = faults.requests();
        long retriesBefore = clients.sdkRetries();

        faults.throttle(0.3, 0, 19);
        Path restored = tmp.resolve("restored-throttled");
        double throttled = saveThenRestore("throttled-bucket", source, restored);
        long requests = faults.requests() - healthyRequests;

        assertThat(tree(restored)).isEqualTo(expected);
        assertThat(tree(tmp.resolve("restored-healthy"))).isEqualTo(expected);
        // About 0.3 of the ~4,000 requests (2,000 PUTs, 2,000 GETs); well over the 0.3^5 share a 5-attempt client lost.
        assertThat(faults.slowDowns()).isGreaterThan(1_000);
        assertThat(clients.sdkRetries() - retriesBefore).isEqualTo(faults.slowDowns());
        System.out.printf(
                Locale.ROOT,
                "%,d targets: healthy save+restore %.2f s (%,d requests); at 30%% SlowDown %.2f s (%,d requests,"
                        + " %,d answered SlowDown, %,d SDK retries)%n",
                TARGETS,
                healthy,
                healthyRequests,
                throttled,
                requests,
                faults.slowDowns(),
                clients.sdkRetries() - retriesBefore);
    }

    @Test
    void shouldLeaveTheWindowWhileBackingOffButNeverSendMoreThanIt() throws Exception {
        Path source = tmp.resolve("source");
        makeTargets(source);
        // The product's backoff at a 50 ms round trip: a throttled request waits 0-200 ms, then 0-400 ms and so on,
        // about as long in all as its attempts take. Waiting, it holds no place in the window, so more requests are
        // underway than the window lets into flight; the proxy still never holds more than the window.
        faults.latency(Duration.ofMillis(50)).throttle(0.3, 0, 29);
        server.s3.createBucket(b -> b.bucket("backoff-bucket"));
        CacheBucket bucket = new CacheBucket("backoff-bucket", LocalS3.ACCOUNT, null);
        Path restored = tmp.resolve("restored");
        try (AwsClients productTimings =
                        new AwsClients(settings.withTimings(Duration.ofMillis(100), Duration.ofMillis(1)));
                CacheMirror mirror = new CacheMirror(
                        new S3Store(productTimings.s3("eu-west-1"), bucket),
                        MirrorOptions.DEFAULT.withLeaseTimeout(Duration.ZERO, true),
                        Clock.systemUTC(),
                        server.signer())) {
            assertThat(mirror.save(source, "build-1").transferred()).isEqualTo(TARGETS);
            assertThat(mirror.restore(restored).transferred()).isEqualTo(TARGETS);
            AdaptiveWindow window = mirror.window();
            System.out.println("30% SlowDown, product backoff: " + mirror.pacing() + "; at most "
                    + faults.mostInFlight() + " in flight at the proxy");

            assertThat(faults.slowDowns()).isGreaterThan(1_000);
            assertThat(window.mostUnderway()).isGreaterThan(window.ceiling());
            // The lease's renewal is the only request made beside the window.
            assertThat(faults.mostInFlight()).isLessThanOrEqualTo(window.ceiling() + 1);
        }
        assertThat(tree(restored)).isEqualTo(tree(source));
    }

    @Test
    void shouldNarrowTheWindowUnderARateLimitAndLoseNothing() throws Exception {
        Path source = tmp.resolve("source");
        makeTargets(source, RATE_LIMITED_TARGETS);
        // 100 requests a second at 50 ms each: about 5 in flight are all the server takes (a rate this test's client
        // reaches even on a loaded machine), and at 128 in flight most requests are answered SlowDown.
        faults.latency(Duration.ofMillis(50)).rateLimit(100);
        // The product's backoff (100 ms base; throttled, 200 ms growing to 1 s for a mirror transfer), not the other
        // tests' 1 ms: with 1 ms, a request spends its 20 attempts within a fraction of a second, while the window is
        // still coming down from 128.
        server.s3.createBucket(b -> b.bucket("rate-limited-bucket"));
        CacheBucket bucket = new CacheBucket("rate-limited-bucket", LocalS3.ACCOUNT, null);
        try (AwsClients productTimings =
                        new AwsClients(settings.withTimings(Duration.ofMillis(100), Duration.ofMillis(1)));
                CacheMirror mirror = new CacheMirror(
                        new S3Store(productTimings.s3("eu-west-1"), bucket),
                        MirrorOptions.DEFAULT,
                        Clock.systemUTC(),
                        server.signer())) {
            MirrorResult saved = mirror.save(source, "build-1");
            AdaptiveWindow window = mirror.window();
            System.out.println("rate-limited save: " + mirror.pacing() + ", " + faults.overRate() + " over the rate");

            assertThat(saved.transferred()).isEqualTo(RATE_LIMITED_TARGETS);
            assertThat(faults.overRate()).isPositive();
            assertThat(window.decreases()).isPositive();
            // Backing off, requests hold no place, so backoffs alone could hold the rate with the window left wide
            // open; the window judges what the requests used of it, and comes down near the limit's 5 in flight.
            assertThat(window.lowest()).isLessThan(window.ceiling() / 4);
            // The share of throttled answers over a whole run is AdaptiveWindowTest's: 500 uploads end within the
            // window's descent from 64, when most answers are throttled.
        }
        faults.healthy().latency(Duration.ZERO);
        Path restored = tmp.resolve("restored");
        try (CacheMirror mirror = new CacheMirror(
                new S3Store(clients.s3("eu-west-1"), bucket),
                MirrorOptions.DEFAULT,
                Clock.systemUTC(),
                server.signer())) {
            assertThat(mirror.restore(restored).transferred()).isEqualTo(RATE_LIMITED_TARGETS);
        }
        assertThat(tree(restored)).isEqualTo(tree(source));
    }

    @Test
    void shouldRetryThrottlingTwentyTimesButOtherErrorsOnlyAsOftenAsTheSettingsSay() throws Exception {
        S3Store store = new S3Store(clients.s3("eu-west-1"), server.bucket);
        faults.throttle(0, 1.0, 7); // every request 429, as a generic S3-compatible store throttles

        assertThatThrownBy(() -> store.put("output/a.json", new byte[] {1}))
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(429));
        assertThat(faults.requests()).isEqualTo(20);

        faults.healthy().internalErrors(1.0);
        long before = faults.requests();
        // A 500 is retried, but only as often as the settings allow for errors that are not throttling.
        assertThatThrownBy(() -> store.put("output/a.json", new byte[] {1}))
                .isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(500));
        assertThat(faults.requests() - before).isEqualTo(AwsSettings.defaults().maxAttempts());

        faults.healthy().throttle(1.0, 0, 7);
        before = faults.requests();
        assertThatThrownBy(() -> store.get("output/a.json"))
                .isInstanceOf(S3Exception.class)
                .hasMessageContaining("Please reduce your request rate");
        assertThat(faults.requests() - before).isEqualTo(20);
    }

    @Test
    void shouldNotRunOutOfRetriesInALongStorm() {
        S3Store store = new S3Store(clients.s3("eu-west-1"), server.bucket);
        // At 60% SlowDown the SDK's standard token bucket (500 tokens, 5 per retry, 1 back per success) loses about
        // 4 tokens per request and is empty within a few hundred: from then on every throttled call would fail at once.
        faults.throttle(0.6, 0, 23);
        for (int i = 0; i < 400; i++) { // one at a time, so the seed decides every answer
            store.put("output/T/" + i + ".json", new byte[] {(byte) i});
        }

        assertThat(faults.slowDowns()).isGreaterThan(400);
        assertThat(store.list("output/T/")).hasSize(400);
    }
}
