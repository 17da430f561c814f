package io.jenkins.plugins.scpuppet.mirror;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Empties the cache, wholly or the targets of one task or the stale ones: the one purge use case behind both
 * {@code puppet cache purge} and {@code puppetPurgeCache}. Every purge publishes a signed index ({@link SignedIndex}).
 */
public final class CachePurge {
    /**
     * What to purge: the stale targets, or one task's (with its dependents'), or (neither) everything.
     *
     * @param task a task id or part of one, or null
     */
    public record Selection(String task, boolean withDependents, boolean stale) {
        public static Selection everything() {
            return new Selection(null, false, false);
        }

        boolean all() {
            return !stale && (task == null || task.isBlank());
        }
    }

    /** The stored task graph cannot name what to purge (none stored, or the task is not named exactly). */
    public static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Keys per DeleteObjects request when purging: a 1,000-key page goes out as four requests, run at once. */
    private static final int PAGE_DELETE_BATCH = 250;

    private final S3Store store;
    private final TransferPool pool;
    private final GraphStore graph;
    private final int parallelism;
    private final SignedIndex signed;

    CachePurge(S3Store store, TransferPool pool, GraphStore graph, int parallelism, SignedIndex signed) {
        this.signed = signed;
        this.store = store;
        this.pool = pool;
        this.graph = graph;
        this.parallelism = parallelism;
    }

    /** Purges the selection; throws {@link Refused} before deleting anything when the graph cannot name it. */
    MirrorResult purge(Selection what, boolean dryRun) throws IOException, InterruptedException {
        if (what.all()) {
            return purgeAll(dryRun);
        }
        List<String> keys;
        try {
            keys = what.stale() ? graph.stale() : graph.targetsOfTask(what.task(), what.withDependents());
        } catch (IOException graphCannotTell) {
            throw new Refused(graphCannotTell.getMessage(), graphCannotTell);
        }
        return purgeKeys(keys, dryRun);
    }

    /**
     * Deletes everything under {@code output/}, then publishes an empty index, so the next restore in any workspace
     * empties that workspace's copy too. The keys the index lists go first, in parallel batches; the listing that
     * follows (sequential by nature: each page's token comes from the last) then only has the leftovers to page
     * through: objects no index lists, such as those written by {@code aws s3 sync}.
     */
    MirrorResult purgeAll(boolean dryRun) throws IOException, InterruptedException {
        if (dryRun) {
            return deleteKeys(store.list(CacheKeys.PREFIX), true);
        }
        long t0 = System.nanoTime();
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        CacheIndex index;
        try {
            index = signed.read().index(); // only to delete its keys first: an unauthenticated one is not used
        } catch (IOException unreadable) {
            index = null; // a damaged index must not stop a purge: the listing below finds everything
        }
        List<String> known =
                index == null ? List.of() : List.copyOf(index.entries().keySet());
        pool.runAll(deleteBatches(known, PAGE_DELETE_BATCH, errors));
        TransferPool.Batch running = pool.new Batch();
        int[] leftovers = {0};
        store.listPages(CacheKeys.PREFIX, page -> {
            leftovers[0] += page.size();
            running.submit(deleteBatches(page, PAGE_DELETE_BATCH, errors));
        });
        running.await();
        throwIfNotDeleted(errors);
        signed.publish(new CacheIndex(System.currentTimeMillis(), Map.of())); // signed: the next restore accepts it
        return done(known.size() + leftovers[0], t0);
    }

    /**
     * Deletes the given targets and removes them from the index (index first, so nobody trusts a deleted key).
     */
    MirrorResult purgeKeys(List<String> keys, boolean dryRun) throws IOException, InterruptedException {
        if (!dryRun) {
            SignedIndex.Reading current = signed.read();
            if (current.state() == SignedIndex.State.UNSIGNED || current.state() == SignedIndex.State.BAD_MAC) {
                // Signing what is left of it would vouch for entries no cache writer wrote.
                throw new IOException("not purged: s3://" + store.bucket().name() + " holds " + current.problem()
                        + "; purge everything instead (puppet cache purge without --task or --stale)");
            }
            if (current.trusted()) {
                CacheIndex index = current.index();
                Map<String, CacheIndex.Entry> next = new TreeMap<>(index.entries());
                keys.forEach(next::remove);
                if (signed.publishIf(
                                new CacheIndex(index.generation() + 1, next),
                                current.object().etag())
                        == null) {
                    throw new IOException("the cache index changed during the purge; run it again");
                }
            }
            SaveJournal.clear(store); // an interrupted save's claim on a purged key must not survive it
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
        int size = Math.max(100, Math.min(1000, keys.size() / Math.max(1, parallelism) + 1));
        pool.runAll(deleteBatches(keys, size, errors));
        throwIfNotDeleted(errors);
        return done(keys.size(), t0);
    }

    private static MirrorResult done(int deleted, long t0) {
        return new MirrorResult(
                deleted, 0, List.of(), List.of(), 0, false, (System.nanoTime() - t0) / 1_000_000, List.of());
    }

    private List<TransferPool.Transfer> deleteBatches(List<String> keys, int size, List<String> errors) {
        List<TransferPool.Transfer> batches = new ArrayList<>();
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
}
