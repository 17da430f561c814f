package io.jenkins.plugins.scpuppet.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scpuppet.engine.Engine;
import io.jenkins.plugins.scpuppet.engine.RetryBackoff;
import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.RunOptions;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskFamily;
import io.jenkins.plugins.scpuppet.engine.TaskOutcome;
import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mirror against a real S3 server (S3Proxy) on 127.0.0.1. */
class CacheMirrorTest {
    record Fam(String name, boolean cacheable) implements TaskFamily {}

    @TempDir
    Path tmp;

    private LocalS3 s3;
    private CacheMirror mirror;

    @BeforeEach
    void start() throws Exception {
        s3 = new LocalS3();
        mirror = new CacheMirror(
                s3.store(), MirrorOptions.DEFAULT.withLeaseTimeout(Duration.ZERO, false), Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        mirror.close();
        s3.close();
    }

    /** 40 cacheable tasks, each required by a non-cacheable one. */
    private static List<TaskSpec> dag() {
        List<TaskSpec> roots = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            TaskSpec cached = TaskSpec.builder(new Fam("Params", true))
                    .param("n", "p" + i)
                    .build();
            roots.add(TaskSpec.builder(new Fam("Provision", false))
                    .param("n", "p" + i)
                    .requires(cached)
                    .build());
        }
        return roots;
    }

    private static RunSummary run(Path cache) throws Exception {
        return Engine.run(
                dag(), RunOptions.defaults(cache).withWorkers(4).withBackoff(RetryBackoff.NONE), RunListener.NONE);
    }

    private static long executedCacheable(RunSummary s) {
        return s.tasks().stream()
                .filter(TaskOutcome::cacheable)
                .filter(t -> t.status() == TaskStatus.EXECUTED)
                .count();
    }

    @Test
    void shouldRoundTripSoAFreshWorkspaceExecutesNoCacheableTask() throws Exception {
        Path first = tmp.resolve("ws1");
        run(first);
        MirrorResult saved = mirror.save(first, "build-1");

        Path fresh = tmp.resolve("ws2");
        MirrorResult restored = mirror.restore(fresh);
        RunSummary second = run(fresh);

        assertThat(saved.transferred()).isEqualTo(40);
        assertThat(restored.transferred()).isEqualTo(40);
        assertThat(executedCacheable(second)).isZero();
        assertThat(second.count(TaskStatus.CACHED)).isEqualTo(40);
        assertThat(s3.store().list("runs/")).isEmpty();
        assertThat(s3.store().list("output/")).noneMatch(k -> k.contains("Provision"));
    }

    @Test
    void shouldFailWithTheRequestsOwnErrorWhenTheIndexCannotBeReadWhileScanning() throws Exception {
        Path ws = tmp.resolve("ws");
        run(ws);
        mirror.save(ws, "b1");
        // The index request runs on the pool while the workspace is scanned; its failure must still be the caller's.
        s3.failWhen = r -> r.encodedPath().endsWith("/" + CacheKeys.INDEX);
        Path fresh = tmp.resolve("fresh");

        assertThatThrownBy(() -> mirror.save(ws, "b2"))
                .isNotInstanceOf(java.util.concurrent.ExecutionException.class)
                .hasMessageContaining("injected: connection cut");
        assertThatThrownBy(() -> mirror.restore(fresh))
                .isNotInstanceOf(java.util.concurrent.ExecutionException.class)
                .hasMessageContaining("injected: connection cut");
        assertThat(fresh).doesNotExist();
    }

    @Test
    void shouldTransferNothingWhenNothingChanged() throws Exception {
        Path ws = tmp.resolve("ws");
        run(ws);
        mirror.save(ws, "b1");
        s3.requests.clear();

        MirrorResult again = mirror.save(ws, "b2");
        // The workspace remembers the index it published: one HEAD shows it is still current. No object, no index
        // and not even the lease is written, so it never blocks another save.
        assertThat(s3.requests)
                .singleElement()
                .satisfies(r -> assertThat(r.method().name()).isEqualTo("HEAD"))
                .satisfies(r -> assertThat(r.encodedPath()).endsWith("/" + CacheKeys.INDEX));
        MirrorResult restore = mirror.restore(ws);

        assertThat(again.transferred()).isZero();
        assertThat(again.unchanged()).isEqualTo(40);
        assertThat(restore.transferred()).isZero();
        assertThat(s3.requests)
                .allMatch(r -> Set.of("GET", "HEAD").contains(r.method().name()));
    }

    @Test
    void shouldCompareWithTheIndexAgainWhenTheIndexMovedSinceThisWorkspaceSaved() throws Exception {
        Path ws = tmp.resolve("ws");
        run(ws);
        mirror.save(ws, "b1");
        String purged = mirror.index().entries().keySet().iterator().next();
        mirror.purgeKeys(List.of(purged), false); // from another workspace, say: the index's ETag moves

        MirrorResult again = mirror.save(ws, "b2");

        // The remembered state no longer matches the index, so the index is read and the purged target, still in
        // this workspace, goes up again.
        assertThat(again.transferred()).isEqualTo(1);
        assertThat(mirror.index().entries()).containsKey(purged).hasSize(40);
    }

    @Test
    void shouldUploadATargetChangedSinceTheLastSaveEvenThoughTheIndexDidNotMove() throws Exception {
        Path ws = tmp.resolve("ws");
        run(ws);
        mirror.save(ws, "b1");
        Path target;
        try (var files = Files.walk(ws.resolve("output"))) {
            target = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        Path temp = target.resolveSibling("." + target.getFileName() + ".1.tmp");
        Files.writeString(temp, "{\"changed\":true}");
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        MirrorResult again = mirror.save(ws, "b2");

        assertThat(again.transferred()).isEqualTo(1);
        assertThat(s3.store().get(CacheKeys.keyOf(ws, target)).bytes())
                .isEqualTo("{\"changed\":true}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldNeverMirrorTheWorkspaceMemos() throws Exception {
        Path ws = tmp.resolve("ws");
        run(ws);
        mirror.save(ws, "b1");

        assertThat(ws.resolve(DigestMemo.FILE)).exists();
        assertThat(ws.resolve(LastPublished.FILE)).exists();
        assertThat(s3.store().list("")).noneMatch(k -> k.contains("puppet-mirror-"));
    }

    @Test
    void shouldSendExpectedBucketOwnerOnEveryCallAndEncryptEveryWrite() throws Exception {
        Path ws = tmp.resolve("ws");
        run(ws);
        mirror.save(ws, "b1");
        mirror.restore(tmp.resolve("other"));
        mirror.purgeAll(false);

        assertThat(s3.requests).hasSizeGreaterThan(40);
        assertThat(s3.requests)
                .allSatisfy(r -> assertThat(r.firstMatchingHeader("x-amz-expected-bucket-owner"))
                        .as("%s %s", r.method(), r.encodedPath())
                        .hasValue(LocalS3.ACCOUNT));
        assertThat(s3.requests)
                .filteredOn(r -> r.method().name().equals("PUT"))
                .allSatisfy(r -> assertThat(r.firstMatchingHeader("x-amz-server-side-encryption"))
                        .hasValue("AES256"));
    }

    @Test
    void shouldSendEachUploadWholeAndAtOnce() throws Exception {
        Path ws = tmp.resolve("ws");
        run(ws);
        mirror.save(ws, "b1");

        // One payload digest rather than aws-chunked with a signature per chunk, and no wait for "100 Continue".
        assertThat(s3.requests)
                .filteredOn(r -> r.method().name().equals("PUT"))
                .hasSizeGreaterThan(10)
                .allSatisfy(r -> {
                    assertThat(r.firstMatchingHeader("Expect"))
                            .as("Expect on %s", r.encodedPath())
                            .isEmpty();
                    assertThat(r.firstMatchingHeader("Content-Encoding")).isEmpty();
                    assertThat(r.firstMatchingHeader("x-amz-content-sha256"))
                            .hasValueSatisfying(v -> assertThat(v).matches("[0-9a-f]{64}"));
                });
    }

    @Test
    void shouldKeepThePublishedCacheWhenASaveIsCutMidway() throws Exception {
        Path ws = tmp.resolve("ws");
        run(ws);
        mirror.save(ws, "b1");
        // A new generation of targets: rewrite them all (caching off), then cut the connection after 10 uploads.
        Engine.run(dag(), RunOptions.defaults(ws).withWorkers(4).withCaching(false), RunListener.NONE);
        java.util.concurrent.atomic.AtomicInteger puts = new java.util.concurrent.atomic.AtomicInteger();
        s3.failWhen = r ->
                r.method().name().equals("PUT") && !r.encodedPath().contains("_puppet") && puts.incrementAndGet() > 10;

        assertThatThrownBy(() -> mirror.save(ws, "b2")).hasMessageContaining("injected: connection cut");
        s3.failWhen = r -> false;
        Path fresh = tmp.resolve("fresh");
        MirrorResult restored = mirror.restore(fresh);
        RunSummary after = run(fresh);

        // The old index is still the published one: objects overwritten by the cut save no longer match it and are
        // dropped (those tasks run again); everything else is used. Nothing half-written is trusted.
        assertThat(restored.dropped()).hasSize(10).allMatch(d -> d.contains("does not match the index digest"));
        assertThat(executedCacheable(after)).isEqualTo(10);
        assertThat(after.count(TaskStatus.CACHED)).isEqualTo(30);
        assertThat(s3.store().get(CacheKeys.LEASE))
                .as("the lease is released after a failed save")
                .isNull();
    }

    @Test
    void shouldDropACorruptedObjectAndRunItsTaskAgain() throws Exception {
        Path ws = tmp.resolve("ws");
        run(ws);
        mirror.save(ws, "b1");
        String victim = s3.store().list("output/Params/").get(0);
        s3.store().put(victim, "{\"format\":1,\"truncated".getBytes(StandardCharsets.UTF_8));

        Path fresh = tmp.resolve("fresh");
        MirrorResult restored = mirror.restore(fresh);
        boolean victimRestored = Files.exists(fresh.resolve(victim));
        RunSummary after = run(fresh);

        assertThat(restored.dropped()).singleElement().asString().startsWith(victim);
        assertThat(victimRestored).isFalse();
        assertThat(executedCacheable(after)).isEqualTo(1);
    }

    @Test
    void shouldLetExactlyOneOfTwoConcurrentSavesWrite() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        run(a);
        run(b);
        Lease holder = new Lease(s3.store(), Clock.systemUTC(), "build-A", Duration.ofMinutes(5));
        Lease.Held held = holder.tryAcquire(new StringBuilder()).orElseThrow();

        MirrorResult blocked = mirror.save(b, "build-B");
        holder.release(held);
        MirrorResult afterRelease = mirror.save(b, "build-B");

        assertThat(blocked.skipped()).isTrue();
        assertThat(blocked.messages()).singleElement().asString().contains("held by build-A");
        assertThat(afterRelease.skipped()).isFalse();
        assertThat(afterRelease.transferred()).isEqualTo(40);
    }

    @Test
    void shouldSaveOnceWhenTwoSavesRace() throws Exception {
        Path a = tmp.resolve("a");
        run(a);
        CacheMirror other = new CacheMirror(
                s3.store(), MirrorOptions.DEFAULT.withLeaseTimeout(Duration.ZERO, false), Clock.systemUTC());
        java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var f1 = two.submit(() -> {
                barrier.await();
                return mirror.save(a, "one");
            });
            var f2 = two.submit(() -> {
                barrier.await();
                return other.save(a, "two");
            });
            MirrorResult r1 = f1.get();
            MirrorResult r2 = f2.get();
            // Either they overlapped (one skipped) or ran one after the other (the second found nothing to upload).
            assertThat(r1.transferred() + r2.transferred()).isEqualTo(40);
        } finally {
            two.shutdownNow();
            other.close();
        }
    }

    @Test
    void shouldRefusePathTraversalKeysListedInTheIndexAndWriteNothingOutsideTheCache() throws Exception {
        List<String> evil = List.of(
                "output/../escaped.json",
                "output/a/../../escaped2.json",
                "output//abs.json",
                "output/C:/win.json",
                "output/a\\..\\..\\b.json",
                "output/.hidden.json",
                "output/_puppet/x.json",
                "outside.json",
                "/etc/passwd");
        StringBuilder index = new StringBuilder("{\"format\":1,\"generation\":1,\"objects\":{");
        for (int i = 0; i < evil.size(); i++) {
            index.append(i == 0 ? "" : ",")
                    .append('"')
                    .append(evil.get(i).replace("\\", "\\\\"))
                    .append("\":{\"sha256\":\"")
                    .append("0".repeat(64))
                    .append("\",\"size\":2}");
        }
        s3.store().put(CacheKeys.INDEX, index.append("}}").toString().getBytes(StandardCharsets.UTF_8));
        Path root = tmp.resolve("deep/cache");

        MirrorResult restored = mirror.restore(root);

        assertThat(restored.refused()).containsExactlyInAnyOrderElementsOf(evil);
        assertThat(restored.transferred()).isZero();
        try (Stream<Path> all = Files.walk(tmp)) {
            assertThat(all.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void shouldRefuseUnsafeKeysFoundByListingABucketWithoutIndex() throws Exception {
        List<String> planted = new ArrayList<>();
        for (String key : List.of(
                "output/C:/win.json", "output/a\\..\\..\\b.json", "output/.hidden.json", "output/ok/..x.json")) {
            try {
                s3.store().put(key, "{}".getBytes(StandardCharsets.UTF_8));
                planted.add(key);
            } catch (RuntimeException serverCannotStoreIt) {
                // S3Proxy's in-memory store cannot hold some names; the index test covers those.
            }
        }
        Path root = tmp.resolve("deep/cache");

        MirrorResult restored = mirror.restore(root);

        assertThat(planted).isNotEmpty();
        // Targets never have a segment starting with a dot (TargetPaths escapes it), so such keys are refused too.
        assertThat(restored.refused()).containsExactlyInAnyOrderElementsOf(planted);
        try (Stream<Path> all = Files.walk(tmp)) {
            assertThat(all.filter(Files::isRegularFile)).allMatch(p -> p.startsWith(root.resolve("output")));
        }
    }

    @Test
    void shouldRestoreObjectsWrittenByAwsS3SyncBeforeTheIndexExisted() throws Exception {
        Path ws = tmp.resolve("ws");
        run(ws);
        try (Stream<Path> files = Files.walk(ws.resolve("output"))) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                s3.store().put(CacheKeys.keyOf(ws, f), Files.readAllBytes(f));
            }
        }
        s3.store().put("output/Params/n=p0.json", "corrupt".getBytes(StandardCharsets.UTF_8));

        Path fresh = tmp.resolve("fresh");
        MirrorResult restored = mirror.restore(fresh);
        RunSummary after = run(fresh);

        assertThat(restored.messages()).singleElement().asString().contains("no cache index");
        assertThat(after.count(TaskStatus.CACHED)).isEqualTo(39);
        assertThat(executedCacheable(after)).isEqualTo(1);
    }

    @Test
    void shouldPurgeEverythingAndMakeTheNextRestoreEmptyTheWorkspace() throws Exception {
        Path ws = tmp.resolve("ws");
        run(ws);
        mirror.save(ws, "b1");

        MirrorResult dry = mirror.purgeAll(true);
        MirrorResult purged = mirror.purgeAll(false);
        MirrorResult restored = mirror.restore(ws);
        RunSummary after = run(ws);

        assertThat(dry.messages()).hasSize(41);
        assertThat(purged.transferred()).isEqualTo(41);
        assertThat(s3.store().list("output/")).containsExactly(CacheKeys.INDEX); // the empty index that says so
        assertThat(restored.removedLocally()).isEqualTo(40);
        assertThat(executedCacheable(after)).isEqualTo(40);
    }

    @Test
    void shouldPurgeObjectsNoIndexListsToo() throws Exception {
        Path ws = tmp.resolve("ws");
        run(ws);
        mirror.save(ws, "b1");
        // Written around the mirror: by aws s3 sync, or by a save cut before it published its index.
        s3.store().put("output/Foreign/account_id=1/x.json", "{}".getBytes(StandardCharsets.UTF_8));
        s3.store().put("output/Params/n=orphan.json", "{}".getBytes(StandardCharsets.UTF_8));

        MirrorResult purged = mirror.purgeAll(false);

        assertThat(s3.store().list("output/")).containsExactly(CacheKeys.INDEX);
        assertThat(purged.transferred()).isEqualTo(40 + 3); // the indexed targets, then the two strays and the index
    }

    @Test
    void shouldPurgeEverythingEvenWhenTheIndexIsDamaged() throws Exception {
        Path ws = tmp.resolve("ws");
        run(ws);
        mirror.save(ws, "b1");
        s3.store().put(CacheKeys.INDEX, "{not json".getBytes(StandardCharsets.UTF_8));

        MirrorResult purged = mirror.purgeAll(false);

        assertThat(purged.transferred()).isEqualTo(41);
        assertThat(s3.store().list("output/")).containsExactly(CacheKeys.INDEX);
        assertThat(mirror.index().entries()).isEmpty();
    }

    @Test
    void shouldPurgeOneTaskWithItsDependentsUsingTheStoredGraph() throws Exception {
        Path ws = tmp.resolve("ws");
        TaskSpec base =
                TaskSpec.builder(new Fam("Share", true)).param("n", "base").build();
        TaskSpec mid = TaskSpec.builder(new Fam("Accept", true))
                .param("n", "mid")
                .requires(base)
                .build();
        TaskSpec top = TaskSpec.builder(new Fam("Params", true))
                .param("n", "top")
                .requires(mid)
                .build();
        TaskSpec other =
                TaskSpec.builder(new Fam("Params", true)).param("n", "other").build();
        RunSummary summary = Engine.run(List.of(top, other), RunOptions.defaults(ws), RunListener.NONE);
        mirror.save(ws, "b1");
        mirror.publishGraphOf(summary);

        List<String> keys = mirror.targetsOfTask("Accept(", true);
        MirrorResult purged = mirror.purgeKeys(keys, false);

        assertThat(keys).containsExactlyInAnyOrder("output/Accept/n=mid.json", "output/Params/n=top.json");
        assertThat(purged.transferred()).isEqualTo(2);
        assertThat(s3.store().list("output/Share/")).hasSize(1);
        assertThat(mirror.index().entries()).containsOnlyKeys("output/Share/n=base.json", "output/Params/n=other.json");
        assertThatThrownBy(() -> mirror.targetsOfTask("Params(", true))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'Params(' matches 2 tasks; be more specific");
        assertThatThrownBy(() -> mirror.targetsOfTask("Nothing(", true)).hasMessage("no task matches 'Nothing('");
    }

    @Test
    void shouldRefuseToPickATaskWithoutAStoredGraph() throws Exception {
        Path ws = tmp.resolve("ws");
        run(ws);
        mirror.save(ws, "b1");

        assertThatThrownBy(() -> mirror.targetsOfTask("Params(", true))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("no task graph stored with the cache yet");
    }

    /** top(cacheable) requires mid(cacheable) requires base(cacheable); run by a non-cacheable root per name. */
    private static List<TaskSpec> chains(List<String> names) {
        List<TaskSpec> roots = new ArrayList<>();
        for (String n : names) {
            TaskSpec base =
                    TaskSpec.builder(new Fam("Share", true)).param("n", n).build();
            TaskSpec mid = TaskSpec.builder(new Fam("Accept", true))
                    .param("n", n)
                    .requires(base)
                    .build();
            TaskSpec top = TaskSpec.builder(new Fam("Params", true))
                    .param("n", n)
                    .requires(mid)
                    .build();
            roots.add(TaskSpec.builder(new Fam("Provision", false))
                    .param("n", n)
                    .requires(top)
                    .build());
        }
        return roots;
    }

    private RunSummary deployChains(Path ws, List<String> names) throws Exception {
        mirror.restore(ws);
        RunSummary run = Engine.run(chains(names), RunOptions.defaults(ws).withWorkers(2), RunListener.NONE);
        mirror.save(ws, "b");
        mirror.publishGraphOf(run);
        return run;
    }

    @Test
    void shouldListAsStaleOnlyTheTargetsOfItemsTheManifestNoLongerHasThenPruneThem() throws Exception {
        deployChains(tmp.resolve("ws1"), List.of("a", "b", "c"));
        // Fully cached: every Params is a hit, so Accept and Share never take part; they are still in use.
        RunSummary cached = deployChains(tmp.resolve("ws2"), List.of("a", "b", "c"));
        assertThat(cached.tasks()).noneMatch(t -> t.key().family().equals("Share"));
        assertThat(mirror.stale()).isEmpty();

        deployChains(tmp.resolve("ws3"), List.of("a", "b")); // item c left the manifest

        assertThat(mirror.stale())
                .containsExactly("output/Accept/n=c.json", "output/Params/n=c.json", "output/Share/n=c.json");
        MirrorResult pruned = mirror.purgeKeys(mirror.stale(), false);
        assertThat(pruned.transferred()).isEqualTo(3);
        assertThat(mirror.index().entries())
                .hasSize(6)
                .noneSatisfy((k, v) -> assertThat(k).contains("n=c"));
        assertThat(mirror.stale()).isEmpty();
    }

    @Test
    void shouldNotCallAnythingStaleThatAFailedRunDidNotReach() throws Exception {
        deployChains(tmp.resolve("ws1"), List.of("a", "b"));
        Path ws = tmp.resolve("ws2");
        mirror.restore(ws);
        TaskSpec failing = TaskSpec.builder(new Fam("Provision", false))
                .param("n", "x")
                .work(ctx -> {
                    throw new IllegalStateException("boom");
                })
                .build();
        RunSummary failed =
                Engine.run(List.of(failing), RunOptions.defaults(ws).withBackoff(RetryBackoff.NONE), RunListener.NONE);
        mirror.publishGraphOf(failed);

        // A run that stopped short proves nothing unused: its graph keeps everything the one before knew.
        assertThat(mirror.stale()).isEmpty();
        assertThat(mirror.graph().find("Share(")).hasSize(2);
    }

    @Test
    void shouldRefuseToNameStaleTargetsUntilEveryCacheHitsRequirementsAreKnown() throws Exception {
        Path first = tmp.resolve("ws1");
        Engine.run(chains(List.of("a")), RunOptions.defaults(first), RunListener.NONE);
        mirror.save(first, "b1"); // a cache filled without a graph (an older tool, or aws s3 sync)

        deployChains(tmp.resolve("ws2"), List.of("a")); // Params(a) is a hit whose requirements nobody recorded

        assertThatThrownBy(mirror::stale)
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("succeeds");
        mirror.purgeAll(false); // the way out: start the cache afresh
        deployChains(tmp.resolve("ws3"), List.of("a"));
        assertThat(mirror.stale()).isEmpty();
    }
}
