package io.jenkins.plugins.scpuppet.mirror;

import io.jenkins.plugins.scpuppet.engine.Digests;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Mirrors the workspace cache to S3: {@link #restore} before a run, {@link #save} after it, {@link #purgeAll} and
 * {@link #purgeKeys} to empty it. Only cacheable targets ({@code output/...}) are mirrored; per-run results never are.
 * Both directions are incremental by SHA-256 against the published index and run transfers on a bounded pool; the
 * SDK retries throttling (SlowDown), 5xx and timeouts with jittered backoff.
 */
public final class CacheMirror implements AutoCloseable {
    private final S3Store store;
    private final MirrorOptions options;
    private final Clock clock;
    private final ExecutorService pool;

    public CacheMirror(S3Store store, MirrorOptions options, Clock clock) {
        this.store = store;
        this.options = options;
        this.clock = clock;
        this.pool = Executors.newFixedThreadPool(options.parallelism(), r -> {
            Thread t = new Thread(r, "puppet-mirror");
            t.setDaemon(true);
            return t;
        });
    }

    /** The published index, or null when there is none (a fresh bucket, or one written by aws s3 sync). */
    CacheIndex index() throws IOException {
        S3Store.Got got = store.get(CacheKeys.INDEX);
        return got == null ? null : CacheIndex.fromJson(got.bytes());
    }

    /**
     * Makes {@code <cache>/output} equal to the published cache: downloads what differs, verifies each object against
     * the index digest before an atomic move into place, drops what does not match, refuses unsafe keys, and removes
     * local targets the index no longer lists (so a purge takes effect everywhere). Without an index, objects written
     * by {@code aws s3 sync} are downloaded and left to the engine to verify on read, and nothing local is removed.
     */
    public MirrorResult restore(Path cacheRoot) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Future<S3Store.Got> indexRequest = pool.submit(() -> store.get(CacheKeys.INDEX));
        Map<String, CacheIndex.Entry> local = scanWhileWaiting(cacheRoot, indexRequest);
        S3Store.Got indexObject = await(indexRequest);
        CacheIndex index = indexObject == null ? null : CacheIndex.fromJson(indexObject.bytes());
        Map<String, CacheIndex.Entry> wanted = new TreeMap<>();
        List<String> refused = Collections.synchronizedList(new ArrayList<>());
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
        List<Callable> downloads = new ArrayList<>();
        // Writers take their folder's lock: threads creating files in one directory at once contend in the kernel
        // (measured on this VM, see docs/performance.md), while downloads still run in parallel.
        Map<Path, Object> folders = new java.util.HashMap<>();
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
            downloads.add(() -> download(e.getKey(), e.getValue(), path.get(), folderLock, dropped));
        }
        for (Path folder : folders.keySet()) {
            Files.createDirectories(folder); // once per folder here, not once per file in the downloads
        }
        int transferred = runAll(downloads);
        int removed = 0;
        for (String key : index == null ? List.<String>of() : List.copyOf(local.keySet())) {
            // Only a published index is authoritative: a bucket without one (new, or written by aws s3 sync)
            // never empties the workspace.
            if (!wanted.containsKey(key)) {
                Optional<Path> path = CacheKeys.localPath(cacheRoot, key);
                if (path.isPresent() && Files.deleteIfExists(path.get())) {
                    removed++;
                }
            }
        }
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

    private boolean download(
            String key, CacheIndex.Entry expected, Path target, Object folderLock, List<String> dropped) {
        S3Store.Got got = store.get(key);
        if (got == null) {
            dropped.add(key + ": listed but missing");
            return false;
        }
        if (expected != null && !Digests.sha256Hex(got.bytes()).equals(expected.sha256())) {
            dropped.add(key + ": content does not match the index digest");
            return false;
        }
        Path temp = target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            synchronized (folderLock) {
                try {
                    Files.write(temp, got.bytes());
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    Files.deleteIfExists(temp); // after a successful move there is no temp file left to remove
                    throw e;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    /**
     * Uploads the targets that differ from the published index, then publishes the new index (conditionally, on the
     * index it read). Holds the bucket's lease meanwhile; when another build holds it past the wait, the save is
     * skipped (or fails, as configured) and says so. Objects other saves published are kept.
     */
    public MirrorResult save(Path cacheRoot, String owner) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        LastPublished last = LastPublished.load(cacheRoot);
        Future<String> indexEtag = last == null ? null : pool.submit(() -> store.etag(CacheKeys.INDEX));
        Map<String, CacheIndex.Entry> local = scanWhileWaiting(cacheRoot, indexEtag);
        String fingerprint = CacheIndex.fingerprint(local);
        boolean unchangedSinceLastSeen = last != null
                && last.fingerprint().equals(fingerprint)
                && last.indexEtag().equals(await(indexEtag));
        S3Store.Got peek = unchangedSinceLastSeen ? null : store.get(CacheKeys.INDEX);
        if (unchangedSinceLastSeen || (peek != null && upToDate(local, CacheIndex.fromJson(peek.bytes())))) {
            // Nothing to upload: no write at all, so no lease either (the common case of a fully cached run).
            if (peek != null) {
                new LastPublished(peek.etag(), fingerprint).store(cacheRoot);
            }
            return new MirrorResult(
                    0, local.size(), List.of(), List.of(), 0, false, (System.nanoTime() - t0) / 1_000_000, List.of());
        }
        Lease lease = new Lease(store, clock, owner, options.leaseTtl());
        StringBuilder why = new StringBuilder("busy");
        Optional<Lease.Held> held = lease.acquire(options.leaseTimeout(), options.leasePoll(), why);
        if (held.isEmpty()) {
            String message = "cache not saved: the lease on s3://"
                    + store.bucket().name() + " is " + why + "; another build for this account and region is saving";
            if (options.failWhenLeaseBusy()) {
                throw new IOException(message);
            }
            return new MirrorResult(
                    0, 0, List.of(), List.of(), 0, true, (System.nanoTime() - t0) / 1_000_000, List.of(message));
        }
        try {
            S3Store.Got current = store.get(CacheKeys.INDEX);
            CacheIndex published = current == null ? CacheIndex.EMPTY : CacheIndex.fromJson(current.bytes());
            Map<String, CacheIndex.Entry> next = new TreeMap<>(published.entries());
            List<Callable> uploads = new ArrayList<>();
            int unchanged = 0;
            for (Map.Entry<String, CacheIndex.Entry> e : local.entrySet()) {
                if (e.getValue().equals(published.entries().get(e.getKey()))) {
                    unchanged++;
                    continue;
                }
                Path file = cacheRoot.resolve(e.getKey());
                uploads.add(() -> {
                    store.put(e.getKey(), Files.readAllBytes(file));
                    return true;
                });
                next.put(e.getKey(), e.getValue());
            }
            int transferred = runAll(uploads);
            if (transferred > 0 || current == null) {
                byte[] body = new CacheIndex(published.generation() + 1, next).toJson();
                String etag = store.putIf(CacheKeys.INDEX, body, current == null ? null : current.etag());
                if (etag == null) {
                    throw new IOException("the cache index changed while saving (another writer without the lease);"
                            + " nothing was published, the next save retries");
                }
                new LastPublished(etag, fingerprint).store(cacheRoot);
            }
            return new MirrorResult(
                    transferred,
                    unchanged,
                    List.of(),
                    List.of(),
                    0,
                    false,
                    (System.nanoTime() - t0) / 1_000_000,
                    List.of());
        } finally {
            lease.release(held.get());
        }
    }

    private static boolean upToDate(Map<String, CacheIndex.Entry> local, CacheIndex published) {
        for (Map.Entry<String, CacheIndex.Entry> e : local.entrySet()) {
            if (!e.getValue().equals(published.entries().get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Stores the run's task graph for selective purges (the last run's view wins). */
    public void publishGraph(byte[] graphJson) {
        store.put(CacheKeys.GRAPH, graphJson);
    }

    /** The graph stored by the last save, or null. */
    public CacheGraph graph() throws IOException {
        S3Store.Got got = store.get(CacheKeys.GRAPH);
        return got == null ? null : CacheGraph.fromJson(got.bytes());
    }

    /** Stores the graph of the run just saved, carrying forward from the stored one what the run still relies on. */
    public void publishGraphOf(RunSummary summary) {
        CacheGraph previous;
        try {
            previous = graph();
        } catch (IOException unreadable) {
            previous = null; // then this run's graph stands alone, and says so only if the run succeeded
        }
        publishGraph(CacheGraph.toJson(summary, previous));
    }

    /**
     * The targets of the one task whose id contains {@code fragment} in the stored graph, and of every task that depends
     * on it when {@code withDependents}: what a purge of that task deletes. Refuses, saying why, when there is no
     * graph or the fragment does not name exactly one task.
     */
    public List<String> targetsOfTask(String fragment, boolean withDependents) throws IOException {
        CacheGraph graph = graph();
        if (graph == null) {
            throw new IOException(
                    "no task graph stored with the cache yet; run a deploy first, or purge everything without a task");
        }
        List<String> ids = graph.find(fragment);
        if (ids.size() != 1) {
            throw new IOException(
                    ids.isEmpty()
                            ? "no task matches '" + fragment + "'"
                            : "'" + fragment + "' matches " + ids.size() + " tasks; be more specific: " + ids);
        }
        return graph.targetsWithDependents(ids.get(0), withDependents);
    }

    /**
     * Cached objects no task of the manifest uses any more (its items were removed or renamed), according to the
     * graph the last successful run stored. Refuses when there is no such graph: then nothing can be called unused.
     */
    public List<String> stale() throws IOException {
        CacheGraph graph = graph();
        if (graph == null || !graph.complete()) {
            throw new IOException("the task graph stored with the cache in s3://"
                    + store.bucket().name()
                    + " cannot tell what is unused yet (none stored, or cache hits whose requirements it never saw);"
                    + " run a deploy that succeeds, or purge the cache once so that every task runs and is recorded");
        }
        return graph.unused(store.list(CacheKeys.PREFIX));
    }

    /**
     * Deletes everything under {@code output/}, then publishes an empty index, so the next restore in any workspace
     * empties that workspace's copy too. The keys the index lists go first, in parallel batches; the listing that
     * follows (sequential by nature: each page's token comes from the last) then only has the leftovers to page
     * through: objects no index lists, such as those written by {@code aws s3 sync}.
     */
    public MirrorResult purgeAll(boolean dryRun) throws IOException, InterruptedException {
        if (dryRun) {
            return deleteKeys(store.list(CacheKeys.PREFIX), true);
        }
        long t0 = System.nanoTime();
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        CacheIndex index;
        try {
            index = index();
        } catch (IOException unreadable) {
            index = null; // a damaged index must not stop a purge: the listing below finds everything
        }
        List<String> known =
                index == null ? List.of() : List.copyOf(index.entries().keySet());
        runAll(deleteBatches(known, PAGE_DELETE_BATCH, errors));
        List<Future<Boolean>> running = new ArrayList<>();
        int[] leftovers = {0};
        store.listPages(CacheKeys.PREFIX, page -> {
            leftovers[0] += page.size();
            running.addAll(submitAll(deleteBatches(page, PAGE_DELETE_BATCH, errors)));
        });
        awaitAll(running);
        throwIfNotDeleted(errors);
        store.put(CacheKeys.INDEX, new CacheIndex(System.currentTimeMillis(), Map.of()).toJson());
        return new MirrorResult(
                known.size() + leftovers[0],
                0,
                List.of(),
                List.of(),
                0,
                false,
                (System.nanoTime() - t0) / 1_000_000,
                List.of());
    }

    /** Keys per DeleteObjects request when purging: a 1,000-key page goes out as four requests, run at once. */
    private static final int PAGE_DELETE_BATCH = 250;

    /** Deletes the given targets and removes them from the index (index first, so nobody trusts a deleted key). */
    public MirrorResult purgeKeys(List<String> keys, boolean dryRun) throws IOException, InterruptedException {
        if (!dryRun) {
            S3Store.Got current = store.get(CacheKeys.INDEX);
            if (current != null) {
                CacheIndex index = CacheIndex.fromJson(current.bytes());
                Map<String, CacheIndex.Entry> next = new TreeMap<>(index.entries());
                keys.forEach(next::remove);
                if (store.putIf(CacheKeys.INDEX, new CacheIndex(index.generation() + 1, next).toJson(), current.etag())
                        == null) {
                    throw new IOException("the cache index changed during the purge; run it again");
                }
            }
        }
        return deleteKeys(keys, dryRun);
    }

    private MirrorResult deleteKeys(List<String> keys, boolean dryRun) throws InterruptedException, IOException {
        long t0 = System.nanoTime();
        if (dryRun) {
            return new MirrorResult(
                    0,
                    0,
                    List.of(),
                    List.of(),
                    0,
                    false,
                    0,
                    keys.stream()
                            .map(k -> "would delete s3://" + store.bucket().name() + "/" + k)
                            .toList());
        }
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        // Batches of up to 1,000 (the API's limit), small enough that several run at once.
        int size = Math.max(100, Math.min(1000, keys.size() / Math.max(1, options.parallelism()) + 1));
        runAll(deleteBatches(keys, size, errors));
        throwIfNotDeleted(errors);
        return new MirrorResult(
                keys.size(), 0, List.of(), List.of(), 0, false, (System.nanoTime() - t0) / 1_000_000, List.of());
    }

    private List<Callable> deleteBatches(List<String> keys, int size, List<String> errors) {
        List<Callable> batches = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += size) {
            List<String> batch = keys.subList(i, Math.min(keys.size(), i + size));
            batches.add(() -> errors.addAll(store.deleteBatch(batch)) || true);
        }
        return batches;
    }

    private static void throwIfNotDeleted(List<String> errors) throws IOException {
        if (!errors.isEmpty()) {
            throw new IOException("could not delete " + errors.size() + " objects, e.g. " + errors.get(0));
        }
    }

    /** A transfer: true when it moved an object. */
    @FunctionalInterface
    private interface Callable {
        boolean call() throws Exception;
    }

    private int runAll(List<Callable> work) throws InterruptedException, IOException {
        return awaitAll(submitAll(work));
    }

    private List<Future<Boolean>> submitAll(List<Callable> work) {
        List<Future<Boolean>> futures = new ArrayList<>();
        for (Callable c : work) {
            futures.add(pool.submit(c::call));
        }
        return futures;
    }

    /** Waits for every transfer (a failure does not stop the others) and returns how many moved an object. */
    private static int awaitAll(List<Future<Boolean>> futures) throws InterruptedException, IOException {
        int done = 0;
        Throwable first = null;
        for (Future<Boolean> f : futures) {
            try {
                if (Boolean.TRUE.equals(f.get())) {
                    done++;
                }
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause();
                }
            }
        }
        if (first != null) {
            throw new IOException("transfer failed: " + first.getMessage(), first);
        }
        return done;
    }

    /**
     * Scans the workspace while a request for the index is in flight, so a no-change save or a restore does not wait
     * for the round trip after the scan. A save whose scan finds changes has spent one HEAD it did not need. If the
     * scan fails, the request is not waited for.
     */
    private static Map<String, CacheIndex.Entry> scanWhileWaiting(Path cacheRoot, Future<?> request)
            throws IOException {
        try {
            return LocalCache.scan(cacheRoot);
        } catch (IOException | RuntimeException e) {
            if (request != null) {
                request.cancel(true);
            }
            throw e;
        }
    }

    /** The result of one request run on the pool, with the SDK's own exception rethrown as it was. */
    private static <T> T await(Future<T> request) throws IOException, InterruptedException {
        try {
            return request.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause.getMessage(), cause);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
