package io.jenkins.plugins.scpuppet.mirror;

import io.jenkins.plugins.scpuppet.engine.RunSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Mirrors the workspace cache to S3: {@link #restore} before a run, {@link #save} after it, {@link #purge} to empty
 * it. Only cacheable targets ({@code output/...}) are mirrored; per-run results never are. Both directions are
 * incremental by SHA-256 against the published index and run transfers on one bounded pool whose window narrows
 * when S3 throttles (see {@link AdaptiveWindow}); the SDK retries throttling (SlowDown), 5xx and timeouts with
 * jittered backoff.
 *
 * <p>A facade: each job is its own class ({@link CacheRestore}, {@link CacheSave}, {@link CachePurge},
 * {@link GraphStore}), sharing the {@link TransferPool}.
 */
public final class CacheMirror implements AutoCloseable {
    private final SignedIndex signed;
    private final TransferPool pool;
    private final CacheRestore restore;
    private final CacheSave save;
    private final GraphStore graph;
    private final CachePurge purge;
    private SaveAhead ahead;

    /** A mirror whose index is signed and verified by {@code signer} (see {@link SignedIndex}). */
    public CacheMirror(S3Store store, MirrorOptions options, Clock clock, IndexSigner signer) {
        SignedIndex signed = new SignedIndex(store, signer);
        this.signed = signed;
        this.pool = new TransferPool(options.parallelism());
        this.restore = new CacheRestore(store, pool, signed);
        this.save = new CacheSave(store, pool, options, clock, signed);
        this.graph = new GraphStore(store);
        this.purge = new CachePurge(store, pool, graph, options.parallelism(), signed);
    }

    /** The published index if it authenticates, else null (none, unsigned, or a MAC that fails). */
    CacheIndex index() throws IOException {
        return signed.read().index();
    }

    /** Restores only from an authenticated index; see {@link CacheRestore}. */
    public MirrorResult restore(Path cacheRoot) throws IOException, InterruptedException {
        return restore.restore(cacheRoot, false);
    }

    /**
     * Restores; with {@code trustUnindexed}, a bucket without an authenticated index (written by aws s3 sync, or by an
     * older version) is restored as it is, each target verified when read. A MAC that fails is refused regardless.
     */
    public MirrorResult restore(Path cacheRoot, boolean trustUnindexed) throws IOException, InterruptedException {
        return restore.restore(cacheRoot, trustUnindexed);
    }

    /**
     * From now on, each target handed to the returned sink is uploaded as it lands, under a lease taken at the first
     * one ({@link SaveAhead}); the next {@link #save} finishes that save. The sink must be given only files the run
     * wrote under {@code cacheRoot}, and is quick: it hands the work to a thread of its own.
     */
    public synchronized Consumer<Path> saveAsTargetsLand(Path cacheRoot, String owner) {
        if (ahead != null) {
            throw new IllegalStateException("a save is already under way");
        }
        SaveAhead started = save.ahead(cacheRoot, owner);
        ahead = started;
        return started::offer;
    }

    /** See {@link CacheSave}; finishes the save begun by {@link #saveAsTargetsLand}, if one was. */
    public MirrorResult save(Path cacheRoot, String owner) throws IOException, InterruptedException {
        SaveAhead begun;
        synchronized (this) {
            begun = ahead;
            ahead = null;
        }
        if (begun != null) {
            try (begun) {
                return save.finish(begun, cacheRoot, owner);
            }
        }
        return save.save(cacheRoot, owner);
    }

    /** Purges what is selected; see {@link CachePurge}. */
    public MirrorResult purge(CachePurge.Selection what, boolean dryRun) throws IOException, InterruptedException {
        return purge.purge(what, dryRun);
    }

    /** Deletes everything under {@code output/} and publishes an empty index. */
    public MirrorResult purgeAll(boolean dryRun) throws IOException, InterruptedException {
        return purge.purgeAll(dryRun);
    }

    /** Deletes the given targets and removes them from the index. */
    public MirrorResult purgeKeys(List<String> keys, boolean dryRun) throws IOException, InterruptedException {
        return purge.purgeKeys(keys, dryRun);
    }

    /** Stores the run's task graph for selective purges (the last run's view wins). */
    public void publishGraph(byte[] graphJson) {
        graph.publish(graphJson);
    }

    /** The graph stored by the last save, or null. */
    public CacheGraph graph() throws IOException {
        return graph.read();
    }

    /** Stores the graph of the run just saved, carrying forward from the stored one what the run still relies on. */
    public void publishGraphOf(RunSummary summary) {
        graph.publishOf(summary);
    }

    /** The targets a purge of one task deletes; see {@link GraphStore#targetsOfTask}. */
    public List<String> targetsOfTask(String fragment, boolean withDependents) throws IOException {
        return graph.targetsOfTask(fragment, withDependents);
    }

    /** Cached objects no task uses any more; see {@link GraphStore#stale}. */
    public List<String> stale() throws IOException {
        return graph.stale();
    }

    /** The transfers' window, for tests: how far throttling narrowed it. */
    AdaptiveWindow window() {
        return pool.window();
    }

    /** How the window fared so far, for the benchmark's output. */
    public String pacing() {
        AdaptiveWindow w = pool.window();
        return String.format(
                Locale.ROOT,
                "window %d of %d (lowest %d, %d decreases; at most %d requests underway, backoffs included; %,d of %,d"
                        + " answers throttled)",
                w.window(),
                w.ceiling(),
                w.lowest(),
                w.decreases(),
                w.mostUnderway(),
                w.throttles(),
                w.answers());
    }

    @Override
    public void close() {
        SaveAhead begun;
        synchronized (this) {
            begun = ahead;
            ahead = null;
        }
        if (begun != null) {
            begun.close(); // a run that ended without its save: the lease goes, the journal keeps what landed
        }
        pool.close();
    }
}
