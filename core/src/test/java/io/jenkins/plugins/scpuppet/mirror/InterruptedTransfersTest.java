package io.jenkins.plugins.scpuppet.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scpuppet.engine.Digests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Saves and restores cut midway, against a real S3 server (S3Proxy): the cut is an SDK interceptor that fails every
 * matching request after the first k, as a dropped connection would.
 */
class InterruptedTransfersTest {
    /** Targets; -Dmirror.cut.targets=10000 runs the size. */
    static final int N = Integer.getInteger("mirror.cut.targets", 2_000);

    static final int CUT = N * 3 / 10;

    @TempDir
    Path tmp;

    private LocalS3 s3;
    private CacheMirror mirror;

    @BeforeEach
    void start() throws Exception {
        s3 = new LocalS3();
        mirror = new CacheMirror(
                s3.store(),
                MirrorOptions.DEFAULT.withLeaseTimeout(Duration.ZERO, false),
                Clock.systemUTC(),
                s3.signer());
    }

    @AfterEach
    void stop() throws Exception {
        mirror.close();
        s3.close();
    }

    /** N targets in 20 folders, each with its own content. */
    private static Path workspace(Path ws, String version) throws Exception {
        for (int i = 0; i < N; i++) {
            Path f = ws.resolve("output/Fam" + (i % 20) + "/n=" + i + ".json");
            Files.createDirectories(f.getParent());
            Files.writeString(f, "{\"n\":" + i + ",\"v\":\"" + version + "\"}");
        }
        return ws;
    }

    /** Relative path to SHA-256 of every regular file under {@code <root>/output}. */
    private static Map<String, String> tree(Path root) throws Exception {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(root.resolve("output"))) {
            return files;
        }
        try (Stream<Path> all = Files.walk(root.resolve("output"))) {
            for (Path f : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(f).toString(), Digests.sha256Hex(Files.readAllBytes(f)));
            }
        }
        return files;
    }

    private static boolean isPut(SdkHttpRequest r) {
        return r.method().name().equals("PUT");
    }

    private static boolean isTarget(SdkHttpRequest r) {
        return r.encodedPath().contains("/output/") && !r.encodedPath().contains("/_puppet/");
    }

    /** Fails every request that matches after the first {@code k} of them. */
    private void cutAfter(int k, Predicate<SdkHttpRequest> counted) {
        AtomicInteger seen = new AtomicInteger();
        s3.failWhen = r -> counted.test(r) && seen.incrementAndGet() > k;
    }

    private List<String> targetsInBucket() {
        return s3.store().list(CacheKeys.PREFIX).stream()
                .filter(k -> !k.startsWith(CacheKeys.META))
                .toList();
    }

    private long targetPuts() {
        return s3.requests.stream()
                .filter(InterruptedTransfersTest::isPut)
                .filter(InterruptedTransfersTest::isTarget)
                .count();
    }

    /** The published index lists exactly the workspace's targets, and a fresh restore rebuilds the same tree. */
    private void assertPublishedIndexIsCompleteAndCorrect(Path ws) throws Exception {
        assertThat(mirror.index().entries()).isEqualTo(LocalCache.scan(ws));
        Path fresh = tmp.resolve("check-" + System.nanoTime());
        MirrorResult restored = mirror.restore(fresh);
        assertThat(restored.dropped()).isEmpty();
        assertThat(tree(fresh)).isEqualTo(tree(ws)).hasSize(N);
    }

    @Test
    void shouldReuseWhatLandedWhenTheNextSaveFollowsACutOne() throws Exception {
        Path ws = workspace(tmp.resolve("ws"), "1");
        cutAfter(CUT, r -> isPut(r) && isTarget(r)); // the uploads fail; the journal still gets through

        assertThatThrownBy(() -> mirror.save(ws, "b1")).hasMessageContaining("injected: connection cut");
        int landed = targetsInBucket().size();
        assertThat(mirror.index().entries())
                .as("a cut save publishes nothing but the empty signed index a first save starts with")
                .isEmpty();
        s3.failWhen = r -> false;
        s3.requests.clear();
        MirrorResult again = mirror.save(ws, "b2");

        assertThat(landed).isEqualTo(CUT);
        assertThat(targetPuts()).as("uploads of the resumed save").isEqualTo(N - landed);
        assertThat(again.transferred()).isEqualTo(N - landed);
        assertThat(again.messages()).containsExactly("reused " + landed + " objects an interrupted save had uploaded");
        assertThat(s3.store().list(SaveJournal.PREFIX))
                .as("the journal is gone once published")
                .isEmpty();
        assertPublishedIndexIsCompleteAndCorrect(ws);
    }

    @Test
    void shouldReuseAllButAFewWhenTheCutAlsoStopsTheJournal() throws Exception {
        Path ws = workspace(tmp.resolve("ws"), "1");
        cutAfter(CUT, InterruptedTransfersTest::isPut); // every write fails: uploads, journal chunks, the index

        assertThatThrownBy(() -> mirror.save(ws, "b1")).hasMessageContaining("injected: connection cut");
        int landed = targetsInBucket().size();
        s3.failWhen = r -> false;
        s3.requests.clear();
        mirror.save(ws, "b2");

        long puts = targetPuts();
        System.out.printf(
                "cut at %d writes: %d targets landed, the next save uploaded %d (N - landed = %d)%n",
                CUT, landed, puts, N - landed);
        assertThat(landed).isBetween(CUT / 2, CUT);
        // What landed after the last journal chunk went out is uploaded again: under two chunks and what was in flight.
        assertThat(puts)
                .isBetween(
                        (long) N - landed,
                        (long) N - landed + 2L * SaveJournal.CHUNK + MirrorOptions.DEFAULT.parallelism());
        assertPublishedIndexIsCompleteAndCorrect(ws);
    }

    @Test
    void shouldNotTrustAJournalClaimOnAKeyALaterCutSaveOverwrote() throws Exception {
        Path ws = workspace(tmp.resolve("ws"), "1");
        cutAfter(CUT, r -> isPut(r) && isTarget(r));
        assertThatThrownBy(() -> mirror.save(ws, "b1")).hasMessageContaining("injected");
        String key = targetsInBucket().get(0); // journaled with content v1
        Path file = ws.resolve(key);
        byte[] v1 = Files.readAllBytes(file);
        Files.writeString(file, "{\"v\":2}");
        // The next save uploads v2 over that key, and only that, then is cut before its journal says so.
        s3.failWhen = r -> isPut(r)
                && (isTarget(r)
                        ? !r.encodedPath().endsWith(key.replace("=", "%3D"))
                        : r.encodedPath().contains("/" + SaveJournal.PREFIX) && chunks.incrementAndGet() > 1);
        assertThatThrownBy(() -> mirror.save(ws, "b2")).hasMessageContaining("injected");
        assertThat(s3.store().get(key).bytes()).isEqualTo("{\"v\":2}".getBytes(StandardCharsets.UTF_8));
        Files.write(file, v1); // back to v1: the first journal's claim matches again, but the object is v2
        s3.failWhen = r -> false;

        mirror.save(ws, "b3");

        assertThat(s3.store().get(key).bytes()).isEqualTo(v1);
        assertPublishedIndexIsCompleteAndCorrect(ws);
    }

    /** Journal chunks written by the second save: the first (what it carries forward) gets through. */
    private final AtomicInteger chunks = new AtomicInteger();

    @Test
    void shouldUploadAgainWhatAPurgeDeletedAfterTheCut() throws Exception {
        Path ws = workspace(tmp.resolve("ws"), "1");
        cutAfter(CUT, r -> isPut(r) && isTarget(r));
        assertThatThrownBy(() -> mirror.save(ws, "b1")).hasMessageContaining("injected");
        s3.failWhen = r -> false;
        List<String> landed = targetsInBucket();

        mirror.purgeKeys(landed.subList(0, 10), false);
        s3.requests.clear();
        mirror.save(ws, "b2");

        assertThat(targetPuts()).isEqualTo(N); // a purge clears the journal: nothing of the cut save is trusted
        assertPublishedIndexIsCompleteAndCorrect(ws);
    }

    @Test
    void shouldLeaveOnlyWholeVerifiedTargetsWhenARestoreIsCut() throws Exception {
        Path source = workspace(tmp.resolve("source"), "1");
        mirror.save(source, "b1");
        Map<String, CacheIndex.Entry> index = mirror.index().entries();
        Path ws = tmp.resolve("ws");
        cutAfter(CUT, r -> r.method().name().equals("GET") && isTarget(r));

        assertThatThrownBy(() -> mirror.restore(ws)).hasMessageContaining("injected: connection cut");

        assertOnlyVerifiedTargets(ws, index);
        assertThat(tree(ws)).hasSize(CUT);
        s3.failWhen = r -> false;
        MirrorResult second = mirror.restore(ws);
        assertThat(second.transferred()).isEqualTo(N - CUT);
        assertThat(second.unchanged()).isEqualTo(CUT);
        assertThat(tree(ws)).isEqualTo(tree(source));
    }

    @Test
    void shouldLeaveOnlyWholeVerifiedTargetsWhenARestoreIsInterrupted() throws Exception {
        Path source = workspace(tmp.resolve("source"), "1");
        mirror.save(source, "b1");
        Map<String, CacheIndex.Entry> index = mirror.index().entries();
        Path ws = tmp.resolve("ws");
        Thread restorer = Thread.currentThread();
        AtomicInteger gets = new AtomicInteger();
        s3.failWhen = r -> {
            if (r.method().name().equals("GET") && isTarget(r) && gets.incrementAndGet() == CUT) {
                restorer.interrupt(); // the build is aborted while downloads are in flight
            }
            return false;
        };

        long t0 = System.nanoTime();
        assertThatThrownBy(() -> mirror.restore(ws)).isInstanceOf(InterruptedException.class);
        System.out.printf("interrupted restore returned after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        long requestsWhenItReturned = s3.requests.size();
        Map<String, String> left = tree(ws);

        // Nothing runs on after the restore returned: no more requests, no more files.
        assertThat(s3.requests).hasSize((int) requestsWhenItReturned);
        assertThat(tree(ws)).isEqualTo(left);
        assertOnlyVerifiedTargets(ws, index);
        assertThat(left.size()).isLessThan(N);
        s3.failWhen = r -> false;
        t0 = System.nanoTime();
        mirror.restore(ws);
        System.out.printf("second restore took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(tree(ws)).isEqualTo(tree(source));
    }

    /** No temp file, and every file is a target whose bytes match its index digest. */
    private static void assertOnlyVerifiedTargets(Path ws, Map<String, CacheIndex.Entry> index) throws Exception {
        try (Stream<Path> all = Files.walk(ws)) {
            List<Path> files = all.filter(Files::isRegularFile).toList();
            assertThat(files).allSatisfy(f -> {
                String key = CacheKeys.keyOf(ws, f);
                assertThat(key).startsWith(CacheKeys.PREFIX);
                assertThat(f.getFileName().toString()).doesNotStartWith(".");
                assertThat(Digests.sha256Hex(Files.readAllBytes(f)))
                        .as(key)
                        .isEqualTo(index.get(key).sha256());
            });
        }
    }
}
