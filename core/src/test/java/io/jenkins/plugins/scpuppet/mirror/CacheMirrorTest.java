package io.jenkins.plugins.scpuppet.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scpuppet.engine.Engine;
import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.RunOptions;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
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
import org.junit.jupiter.api.Test;

/** Restores and saves against a real S3 server (S3Proxy) on 127.0.0.1. */
class CacheMirrorTest extends MirrorFixture {
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
                s3.store(),
                MirrorOptions.DEFAULT.withLeaseTimeout(Duration.ZERO, false),
                Clock.systemUTC(),
                s3.signer());
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
        // Signed with the cache's key: even an authenticated index never names a file outside the cache.
        new SignedIndex(s3.store(), s3.signer())
                .publish(CacheIndex.fromJson(index.append("}}").toString().getBytes(StandardCharsets.UTF_8)));
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

        MirrorResult restored = mirror.restore(root, true);

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
        MirrorResult restored = mirror.restore(fresh, true); // --trust-unindexed: a one-off migration
        RunSummary after = run(fresh);

        assertThat(restored.messages()).singleElement().asString().contains("no cache index");
        assertThat(after.count(TaskStatus.CACHED)).isEqualTo(39);
        assertThat(executedCacheable(after)).isEqualTo(1);
    }
}
