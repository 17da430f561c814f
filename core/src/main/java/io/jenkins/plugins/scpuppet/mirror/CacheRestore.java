package io.jenkins.plugins.scpuppet.mirror;

import io.jenkins.plugins.scpuppet.engine.Digests;
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
 * targets the index no longer lists (so a purge takes effect everywhere). Without an index, objects written by
 * {@code aws s3 sync} are downloaded and left to the engine to verify on read, and nothing local is removed.
 *
 * <p>A restore cut midway leaves only whole, verified files: a target appears by an atomic rename of a temp file
 * written after its digest was checked, and a failed write removes its temp file.
 */
final class CacheRestore {
    private final S3Store store;
    private final TransferPool pool;

    CacheRestore(S3Store store, TransferPool pool) {
        this.store = store;
        this.pool = pool;
    }

    MirrorResult restore(Path cacheFolder) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        CacheRoot root = CacheRoot.open(cacheFolder); // resolved once; a symlink from here down is refused
        Path cacheRoot = root.path();
        Future<S3Store.Got> indexRequest = pool.submit(() -> store.get(CacheKeys.INDEX));
        Map<String, CacheIndex.Entry> local = TransferPool.scanWhileWaiting(root, indexRequest);
        S3Store.Got indexObject = TransferPool.await(indexRequest);
        CacheIndex index = indexObject == null ? null : CacheIndex.fromJson(indexObject.bytes());
        Map<String, CacheIndex.Entry> wanted = new TreeMap<>();
        List<String> refused = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        if (index == null) {
            for (String key : store.list(CacheKeys.PREFIX)) {
                if (!key.startsWith(CacheKeys.META)) {
                    wanted.put(key, null);
                }
            }
            messages.add("no cache index in s3://" + store.bucket().name() + "; restored " + wanted.size()
                    + " objects as they are (each is verified when read)");
        } else {
            wanted.putAll(index.entries());
        }
        List<String> dropped = Collections.synchronizedList(new ArrayList<>());
        Map<Path, List<TransferPool.Transfer>> downloads = new HashMap<>();
        // Writers take their folder's lock: threads creating files in one directory at once contend in the kernel
        // (measured on this VM, see docs/performance.md), while downloads still run in parallel.
        Map<Path, Object> folders = new HashMap<>();
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
            Object folderLock = folders.computeIfAbsent(path.get().getParent(), f -> new Object());
            downloads
                    .computeIfAbsent(path.get().getParent(), f -> new ArrayList<>())
                    .add(() -> download(root, e.getKey(), e.getValue(), path.get(), folderLock, dropped));
        }
        for (Path folder : folders.keySet()) {
            root.createFolders(folder); // once per folder here, not once per file in the downloads
        }
        // Taken from every folder in turn, so the requests in flight write to different folders and their locks do
        // not make writers queue behind each other (in key order, 64 in flight fall in two or three folders).
        int transferred = pool.runAll(TransferPool.interleave(downloads.values()));
        int removed = index == null ? 0 : removeUnlisted(root, local, wanted);
        if (index != null && dropped.isEmpty() && refused.isEmpty()) {
            // The workspace now holds exactly the index: a save that changes nothing needs only a HEAD request.
            new LastPublished(indexObject.etag(), CacheIndex.fingerprint(index.entries())).store(cacheRoot);
        }
        return new MirrorResult(
                transferred - dropped.size(),
                unchanged,
                List.copyOf(dropped),
                List.copyOf(refused),
                removed,
                false,
                (System.nanoTime() - t0) / 1_000_000,
                messages);
    }

    /**
     * Removes local targets the index does not list. Only a published index is authoritative: a bucket without one
     * (new, or written by aws s3 sync) never empties the workspace.
     */
    private static int removeUnlisted(
            CacheRoot root, Map<String, CacheIndex.Entry> local, Map<String, CacheIndex.Entry> wanted)
            throws IOException {
        int removed = 0;
        for (String key : local.keySet()) {
            if (!wanted.containsKey(key)) {
                Optional<Path> path = CacheKeys.localPath(root.path(), key);
                if (path.isPresent() && root.delete(path.get())) {
                    removed++;
                }
            }
        }
        return removed;
    }

    private boolean download(
            CacheRoot root,
            String key,
            CacheIndex.Entry expected,
            Path target,
            Object folderLock,
            List<String> dropped) {
        S3Store.Got got = store.get(key);
        if (got == null) {
            dropped.add(key + ": listed but missing");
            return false;
        }
        if (expected != null && !Digests.sha256Hex(got.bytes()).equals(expected.sha256())) {
            dropped.add(key + ": content does not match the index digest");
            return false;
        }
        try {
            synchronized (folderLock) {
                root.place(target, got.bytes()); // temp file and rename, never through a symlink
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }
}
