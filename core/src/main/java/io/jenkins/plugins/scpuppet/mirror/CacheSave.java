package io.jenkins.plugins.scpuppet.mirror;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;

/**
 * Uploads the targets that differ from the published index, then publishes the new index, signed ({@link
 * SignedIndex}), conditionally on the index it read; an index that does not authenticate is never carried forward.
 * Holds the bucket's lease meanwhile; when another build holds it past the wait, the save is skipped (or fails, as
 * configured) and says so. Objects other saves published are kept.
 */
final class CacheSave {
    private final S3Store store;
    private final TransferPool pool;
    private final MirrorOptions options;
    private final Clock clock;
    private final SignedIndex signed;
    private final SaveSession.SaveParts parts;

    CacheSave(S3Store store, TransferPool pool, MirrorOptions options, Clock clock, SignedIndex signed) {
        this.store = store;
        this.pool = pool;
        this.options = options;
        this.clock = clock;
        this.signed = signed;
        this.parts = new SaveSession.SaveParts(store, pool, signed);
    }

    MirrorResult save(Path cacheFolder, String owner) throws IOException, InterruptedException {
        return save(cacheFolder, owner, null);
    }

    /** As {@link #save(Path, String)}, under {@code given} (null: a new lease for {@code owner}). */
    private MirrorResult save(Path cacheFolder, String owner, Lease given) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        CacheRoot root = CacheRoot.open(cacheFolder); // resolved once; a symlink from here down is refused
        Path cacheRoot = root.path();
        LastPublished last = LastPublished.load(cacheRoot);
        Future<String> indexEtag = last == null ? null : pool.submit(() -> store.etag(CacheKeys.INDEX));
        Map<String, CacheIndex.Entry> local = TransferPool.scanWhileWaiting(root, indexEtag);
        String fingerprint = CacheIndex.fingerprint(local);
        boolean unchangedSinceLastSeen = last != null
                && last.fingerprint().equals(fingerprint)
                && last.indexEtag().equals(TransferPool.await(indexEtag));
        // Only an authenticated index may say nothing needs saving: one that fails is replaced by this save.
        SignedIndex.Reading peek = unchangedSinceLastSeen ? null : signed.read();
        if (unchangedSinceLastSeen || (peek.trusted() && upToDate(local, peek.index()))) {
            // Nothing to upload: no write at all, so no lease either (the common case of a fully cached run).
            if (peek != null) {
                new LastPublished(peek.object().etag(), fingerprint).store(cacheRoot);
            }
            return result(0, local.size(), t0, List.of());
        }
        Lease lease = given != null ? given : new Lease(store, clock, owner, options.leaseTtl());
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
        lease.keepRenewed(held.get(), options.leaseRenewEvery());
        try {
            // Uploads what neither the index nor an interrupted save's journal holds, then publishes the index.
            return SaveSession.begin(parts, root, lease, held.get()).finish(local, fingerprint, t0);
        } finally {
            lease.release(held.get());
        }
    }

    /**
     * The save after a run whose targets went up as they landed ({@link SaveAhead}): finishes that save under the lease
     * it holds, or saves as usual when nothing went early.
     */
    MirrorResult finish(SaveAhead ahead, Path cacheFolder, String owner) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Optional<SaveSession> session = ahead.stop();
        try {
            // A lease lost during a long run (renewals failed past its TTL): the save begins again under a new one.
            if (session.isPresent() && session.get().stillHeld()) {
                CacheRoot root = CacheRoot.open(cacheFolder);
                Map<String, CacheIndex.Entry> local = LocalCache.scan(root);
                return session.get().finish(local, CacheIndex.fingerprint(local), t0);
            }
        } finally {
            ahead.release();
        }
        return save(cacheFolder, owner, ahead.lease()); // the same lease: one the early save took unawares is ours
    }

    /** Early uploads for the save after a run; see {@link SaveAhead}. */
    SaveAhead ahead(Path cacheFolder, String owner) {
        return new SaveAhead(parts, options, new Lease(store, clock, owner, options.leaseTtl()), cacheFolder);
    }

    private static MirrorResult result(int transferred, int unchanged, long t0, List<String> messages) {
        return new MirrorResult(
                transferred, unchanged, List.of(), List.of(), 0, false, (System.nanoTime() - t0) / 1_000_000, messages);
    }

    private static boolean upToDate(Map<String, CacheIndex.Entry> local, CacheIndex published) {
        for (Map.Entry<String, CacheIndex.Entry> e : local.entrySet()) {
            if (!e.getValue().equals(published.entries().get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
