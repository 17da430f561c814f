package io.jenkins.plugins.scpuppet.mirror;

import io.jenkins.plugins.scpuppet.engine.Digests;
import io.jenkins.plugins.scpuppet.engine.PurgeRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Future;

/**
 * Makes {@code <cache>/output} equal to the published cache: downloads what differs, verifies each object against the
 * index digest before an atomic move into place, drops what does not match, refuses unsafe keys, and removes local
 * targets the index no longer lists (so a purge takes effect everywhere). The index is trusted only when its MAC
 * verifies ({@link SignedIndex}). Without an authenticated index, and only when asked to trust it, objects written by
 * {@code aws s3 sync} are downloaded and left to the engine to verify on read, and nothing local is removed.
 *
 * <p>A restore cut midway leaves only whole, verified files: a target appears by an atomic rename of a temp file
 * written after its digest was checked, and a failed write removes its temp file.
 */
final class CacheRestore {
    private final S3Store store;
    private final TransferPool pool;
    private final SignedIndex signed;

    CacheRestore(S3Store store, TransferPool pool, SignedIndex signed) {
        this.store = store;
        this.pool = pool;
        this.signed = signed;
    }

    /**
     * Restores what the signed index lists. A bucket that holds targets but no index, or an index without a MAC, is
     * refused ({@link CacheRefusedException}) unless {@code trustUnindexed}; an index whose MAC does not verify with
     * the configured key is refused always. A refusal happens before anything local is written.
     */
    MirrorResult restore(Path cacheFolder, boolean trustUnindexed) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        CacheRoot root = CacheRoot.open(cacheFolder); // resolved once; a symlink from here down is refused
        Path cacheRoot = root.path();
        Future<SignedIndex.Reading> indexRequest = pool.submit(signed::read);
        Map<String, CacheIndex.Entry> local = TransferPool.scanWhileWaiting(root, indexRequest);
        SignedIndex.Reading reading = TransferPool.await(indexRequest);
        CacheIndex index = reading.index();
        Map<String, CacheIndex.Entry> wanted = new TreeMap<>();
        List<String> refused = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        if (reading.state() == SignedIndex.State.BAD_MAC) {
            throw new CacheRefusedException(refusal(reading.problem())
                    + " Purge the cache (puppet cache purge, or puppetPurgeCache) so the next save rebuilds it;"
                    + " --trust-unindexed does not override a MAC that fails.");
        }
        if (index == null) {
            List<String> targets = new ArrayList<>();
            for (String key : store.list(CacheKeys.PREFIX)) {
                if (!key.startsWith(CacheKeys.META)) {
                    targets.add(key);
                }
            }
            if (!targets.isEmpty() && !trustUnindexed) {
                String problem = reading.problem() + " but " + targets.size() + " objects under output/";
                throw new CacheRefusedException(refusal(problem)
                        + " If a trusted tool wrote them (aws s3 sync, or an older version of this plugin), restore"
                        + " once with --trust-unindexed (step parameter trustUnindexedCache: true); the next save"
                        + " publishes a signed index. Otherwise purge the cache (puppet cache purge).");
            }
            targets.forEach(key -> wanted.put(key, null));
            if (!targets.isEmpty()) {
                messages.add(reading.problem() + " in s3://" + store.bucket().name() + "; trusted as asked"
                        + " (--trust-unindexed): restored " + wanted.size()
                        + " objects as they are (each is verified when read)");
            }
        } else {
            wanted.putAll(index.entries());
        }
        List<String> dropped = Collections.synchronizedList(new ArrayList<>());
        Map<Path, List<TransferPool.Transfer>> downloads = new HashMap<>();
        FolderWrites writes = new FolderWrites(root);
        int unchanged = 0;
        for (Map.Entry<String, CacheIndex.Entry> e : wanted.entrySet()) {
            Optional<Path> path = CacheKeys.localPath(cacheRoot, e.getKey());
            if (path.isEmpty()) {
                refused.add(e.getKey());
                continue;
            }
            CacheIndex.Entry have = local.get(e.getKey());
            if (e.getValue() != null && e.getValue().equals(have)) {
                unchanged++;
                continue;
            }
            writes.expect(path.get());
            downloads
                    .computeIfAbsent(path.get().getParent(), f -> new ArrayList<>())
                    .add(TransferPool.sized(
                            e.getValue() == null
                                    ? S3Store.TARGET_CAP
                                    : e.getValue().size(),
                            () -> download(e.getKey(), e.getValue(), path.get(), writes, dropped)));
        }
        int transferred;
        try (writes) {
            for (Path folder : writes.folders()) {
                root.createFolders(folder); // once per folder here, not once per file in the downloads
            }
            // In key order, the requests in flight would fall in two or three folders and queue for their turns.
            transferred = pool.runAll(FolderWrites.order(downloads.values()));
        }
        int removed = index == null ? 0 : removeUnlisted(root, local, wanted);
        if (index != null && dropped.isEmpty() && refused.isEmpty()) {
            // The workspace now holds exactly the index: a save that changes nothing needs only a HEAD request.
            new LastPublished(reading.object().etag(), CacheIndex.fingerprint(index.entries())).store(cacheRoot);
        }
        return new MirrorResult(
                transferred, // a dropped download returns false: runAll counts only what was placed
                unchanged,
                List.copyOf(dropped),
                List.copyOf(refused),
                removed,
                false,
                (System.nanoTime() - t0) / 1_000_000,
                messages);
    }

    private String refusal(String problem) {
        return "cache not restored: s3://" + store.bucket().name() + " holds " + problem
                + "; nothing was trusted or written.";
    }

    /**
     * Removes local targets the index does not list. Only a published index is authoritative: a bucket without one
     * (new, or written by aws s3 sync) never empties the workspace. What it removes was purged (or pruned as stale)
     * since this workspace last saw the bucket: recorded so the next run reports those tasks as PURGED.
     */
    private static int removeUnlisted(
            CacheRoot root, Map<String, CacheIndex.Entry> local, Map<String, CacheIndex.Entry> wanted)
            throws IOException {
        List<String> removed = new ArrayList<>();
        for (String key : local.keySet()) {
            if (!wanted.containsKey(key)) {
                Optional<Path> path = CacheKeys.localPath(root.path(), key);
                if (path.isPresent() && root.delete(path.get())) {
                    removed.add(key);
                }
            }
        }
        PurgeRecord.record(root.path(), removed);
        return removed.size();
    }

    private boolean download(
            String key, CacheIndex.Entry expected, Path target, FolderWrites writes, List<String> dropped) {
        try {
            S3Store.Got got;
            try {
                got = expected == null ? store.get(key) : store.get(key, expected.size());
            } catch (S3Store.TooLargeException e) {
                dropped.add(key + ": " + e.getMessage());
                return false;
            }
            if (got == null) {
                dropped.add(key + ": listed but missing");
                return false;
            }
            if (expected != null && !Digests.sha256Hex(got.bytes()).equals(expected.sha256())) {
                dropped.add(key + ": content does not match the index digest");
                return false;
            }
            writes.write(target, got.bytes()); // temp file and rename, never through a symlink
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writes.done(target);
        }
    }
}
