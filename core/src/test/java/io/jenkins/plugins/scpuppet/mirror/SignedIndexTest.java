package io.jenkins.plugins.scpuppet.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scpuppet.engine.Digests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Only an index signed with the configured KMS key is trusted: what someone who can write the bucket but not use the
 * key can and cannot make a restore do. S3 is S3Proxy, KMS the stand-in's, both reached through the SDK.
 */
class SignedIndexTest extends MirrorFixture {
    private static final byte[] FORGED = "{\"forged\":true}".getBytes(StandardCharsets.UTF_8);

    /** A workspace saved to the bucket; returns one of its target keys. */
    private String savedWorkspace() throws Exception {
        Path ws = tmp.resolve("ws");
        run(ws);
        mirror.save(ws, "hub");
        return mirror.index().entries().keySet().iterator().next();
    }

    private Map<Path, byte[]> tree(Path root) throws Exception {
        Map<Path, byte[]> files = new TreeMap<>();
        if (!Files.exists(root)) {
            return files;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path f : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(f), Files.readAllBytes(f));
            }
        }
        return files;
    }

    /**
     * A workspace with one file of its own, to show a refused restore leaves its output/ exactly as it was (the scan
     * of local files may still memo their digests beside it, as any restore does).
     */
    private Path workspaceWithOneFile() throws Exception {
        Path other = tmp.resolve("other");
        Path mine = other.resolve("output/Params/n=mine.json");
        Files.createDirectories(mine.getParent());
        Files.writeString(mine, "{\"mine\":1}");
        return other;
    }

    @Test
    void shouldDropAForgedTargetWhoseIndexWasLeftAlone() throws Exception {
        String key = savedWorkspace();
        s3.store().put(key, FORGED);

        Path fresh = tmp.resolve("fresh");
        MirrorResult restored = mirror.restore(fresh);

        assertThat(restored.dropped()).containsExactly(key + ": content does not match the index digest");
        assertThat(fresh.resolve(key)).doesNotExist();
        assertThat(restored.transferred()).isEqualTo(39);
    }

    @Test
    void shouldDropAForgedTargetLargerThanTheIndexSaysWithoutReadingIt() throws Exception {
        String key = savedWorkspace();
        long indexed = mirror.index().entries().get(key).size();
        s3.store().put(key, new byte[1 << 20]); // within the 16 MiB cap, far over what the index lists

        Path fresh = tmp.resolve("fresh");
        MirrorResult restored = mirror.restore(fresh);

        assertThat(restored.dropped())
                .containsExactly(key + ": s3://" + s3.bucket.name() + "/" + key + " is 1048576 bytes, more than the "
                        + indexed + " bytes the cache index lists for it; refused");
        assertThat(fresh.resolve(key)).doesNotExist();
        assertThat(restored.transferred()).isEqualTo(39);
    }

    @Test
    void shouldRefuseAForgedIndexCarryingTheOldMac() throws Exception {
        String key = savedWorkspace();
        S3Store.Got signed = s3.store().get(CacheKeys.INDEX);
        CacheIndex index = CacheIndex.fromJson(signed.bytes());
        Map<String, CacheIndex.Entry> entries = new TreeMap<>(index.entries());
        entries.put(key, new CacheIndex.Entry(Digests.sha256Hex(FORGED), FORGED.length));
        s3.store().put(key, FORGED);
        // The forger rewrites the entries and keeps the MAC and key name it found (metadata is as writable as bytes).
        s3.store().put(CacheKeys.INDEX, new CacheIndex(index.generation(), entries).toJson(), signed.metadata());
        Path other = workspaceWithOneFile();
        Map<Path, byte[]> before = tree(other.resolve("output"));

        assertThatThrownBy(() -> mirror.restore(other, true))
                .isInstanceOf(CacheRefusedException.class)
                .hasMessageContaining("s3://" + s3.bucket.name())
                .hasMessageContaining("does not verify with the key " + KmsIndexSigner.DEFAULT_KEY)
                .hasMessageContaining("nothing was trusted or written")
                .hasMessageContaining("puppet cache purge");
        assertThat(tree(other.resolve("output"))).usingRecursiveComparison().isEqualTo(before);
        assertThat(other.resolve(LastPublished.FILE)).doesNotExist();
    }

    @Test
    void shouldRefuseAnIndexSignedWithAnotherKeyEvenWhenTrustingUnindexedBuckets() throws Exception {
        Path ws = tmp.resolve("ws");
        run(ws);
        String otherKey = s3.newKey(); // same policy, so the caller may use it: only the key differs
        try (CacheMirror signedElsewhere = new CacheMirror(
                s3.store(),
                MirrorOptions.DEFAULT.withLeaseTimeout(Duration.ZERO, false),
                Clock.systemUTC(),
                s3.signer(otherKey))) {
            signedElsewhere.save(ws, "elsewhere");
            assertThat(signedElsewhere.index().entries()).hasSize(40); // valid for the key that signed it
        }
        Path fresh = tmp.resolve("fresh");

        assertThatThrownBy(() -> mirror.restore(fresh, true))
                .isInstanceOf(CacheRefusedException.class)
                .hasMessageContaining("the object says it was signed with " + otherKey)
                .hasMessageContaining("--trust-unindexed does not override");
        assertThat(fresh).doesNotExist();
    }

    @Test
    void shouldRefuseObjectsWithoutAnIndexUnlessTrustedExplicitly() throws Exception {
        Path ws = tmp.resolve("ws");
        run(ws);
        Map<Path, byte[]> local = tree(ws.resolve("output"));
        local.forEach((rel, bytes) -> s3.store().put("output/" + rel.toString().replace('\\', '/'), bytes));
        Path other = workspaceWithOneFile();
        Map<Path, byte[]> before = tree(other.resolve("output"));

        assertThatThrownBy(() -> mirror.restore(other))
                .isInstanceOf(CacheRefusedException.class)
                .hasMessageContaining("s3://" + s3.bucket.name() + " holds no cache index but 40 objects under output/")
                .hasMessageContaining("--trust-unindexed")
                .hasMessageContaining("trustUnindexedCache");
        assertThat(tree(other.resolve("output"))).usingRecursiveComparison().isEqualTo(before);

        MirrorResult trusted = mirror.restore(other, true);

        assertThat(trusted.transferred()).isEqualTo(40);
        assertThat(tree(other.resolve("output"))).hasSize(41); // and its own file is kept: no index to remove it
    }

    @Test
    void shouldRefuseAnUnsignedIndexOfAnOlderVersionUnlessTrustedAndThenReplaceItOnSave() throws Exception {
        Path ws = tmp.resolve("ws");
        run(ws);
        mirror.save(ws, "hub");
        CacheIndex index = mirror.index();
        byte[] formatOne = new String(index.toJson(), StandardCharsets.UTF_8)
                .replace("\"format\":2", "\"format\":1")
                .getBytes(StandardCharsets.UTF_8);
        s3.store().put(CacheKeys.INDEX, formatOne); // as an older version wrote it: no MAC
        Path fresh = tmp.resolve("fresh");

        assertThatThrownBy(() -> mirror.restore(fresh))
                .isInstanceOf(CacheRefusedException.class)
                .hasMessageContaining("a cache index without a MAC");
        assertThat(mirror.restore(fresh, true).transferred()).isEqualTo(40);
        Files.delete(ws.resolve(LastPublished.FILE));
        MirrorResult saved = mirror.save(ws, "hub");

        assertThat(saved.messages()).anyMatch(m -> m.contains("replaced it with a signed index"));
        assertThat(mirror.index().entries()).isEqualTo(index.entries());
        assertThat(mirror.restore(tmp.resolve("again")).transferred()).isEqualTo(40);
    }

    @Test
    void shouldNeverSignEntriesItFoundInAnIndexThatDidNotVerify() throws Exception {
        Path ws = tmp.resolve("ws");
        run(ws);
        String planted = "output/Params/n=planted.json";
        s3.store().put(planted, FORGED);
        s3.store()
                .put(
                        CacheKeys.INDEX,
                        new CacheIndex(7, Map.of(planted, new CacheIndex.Entry(Digests.sha256Hex(FORGED), 15)))
                                .toJson());

        mirror.save(ws, "hub");

        assertThat(mirror.index().entries()).hasSize(40).doesNotContainKey(planted);
    }

    @Test
    void shouldRestoreNothingFromAnEmptyBucketWithoutComplaint() throws Exception {
        Path fresh = tmp.resolve("fresh");

        MirrorResult restored = mirror.restore(fresh);

        assertThat(restored.transferred()).isZero();
        assertThat(restored.messages()).isEmpty();
        assertThat(tree(fresh)).isEmpty();
    }

    @Test
    void shouldPublishASignedIndexOnEveryPurge() throws Exception {
        String key = savedWorkspace();

        mirror.purgeKeys(java.util.List.of(key), false);
        assertThat(mirror.index().entries()).hasSize(39).doesNotContainKey(key);
        mirror.purgeAll(false);

        assertThat(mirror.index().entries()).isEmpty();
        assertThat(mirror.restore(tmp.resolve("fresh")).transferred()).isZero();
    }

    @Test
    void shouldLetAForgedJournalCostAnUploadButNeverATrustedForgery() throws Exception {
        Path ws = tmp.resolve("ws");
        run(ws);
        Map<String, CacheIndex.Entry> local = LocalCache.scan(CacheRoot.open(ws));
        String key = local.keySet().iterator().next();
        // The forger claims its own bytes landed for this key under the hub's digest, so the save skips uploading it.
        s3.store().put(key, FORGED);
        s3.store().put(SaveJournal.PREFIX + "forged-0.json", new CacheIndex(0, Map.of(key, local.get(key))).toJson());

        mirror.save(ws, "hub");
        MirrorResult restored = mirror.restore(tmp.resolve("fresh"));

        assertThat(mirror.index().entries().get(key)).isEqualTo(local.get(key)); // the hub's digest, not the forger's
        assertThat(restored.dropped()).containsExactly(key + ": content does not match the index digest");
    }
}
