package io.jenkins.plugins.scpuppet.mirror;

import io.jenkins.plugins.scpuppet.engine.Digests;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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

    CacheSave(S3Store store, TransferPool pool, MirrorOptions options, Clock clock, SignedIndex signed) {
        this.store = store;
        this.pool = pool;
        this.options = options;
        this.clock = clock;
        this.signed = signed;
    }

    MirrorResult save(Path cacheFolder, String owner) throws IOException, InterruptedException {
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
        lease.keepRenewed(held.get(), options.leaseRenewEvery());
        try {
            return uploadAndPublish(root, local, fingerprint, t0, lease, held.get());
        } finally {
            lease.release(held.get());
        }
    }

    /**
     * Under the lease: uploads what neither the index nor the journal of an interrupted save holds, then publishes the
     * index if anything changed. Each upload sends the bytes it hashed, so the index and the journal say what landed.
     */
    private MirrorResult uploadAndPublish(
            CacheRoot root,
            Map<String, CacheIndex.Entry> local,
            String fingerprint,
            long t0,
            Lease lease,
            Lease.Held held)
            throws IOException, InterruptedException {
        Future<SignedIndex.Reading> indexRequest = pool.submit(signed::read);
        SaveJournal journal = SaveJournal.read(store, pool);
        SignedIndex.Reading reading = TransferPool.await(indexRequest);
        List<String> messages = new ArrayList<>();
        if (reading.state() == SignedIndex.State.UNSIGNED || reading.state() == SignedIndex.State.BAD_MAC) {
            // Never carried forward into a signed index: this save lists only what it uploads or can vouch for.
            messages.add("s3://" + store.bucket().name() + " held " + reading.problem()
                    + "; replaced it with a signed index of this workspace's targets");
        }
        String currentEtag = reading.object() == null ? null : reading.object().etag();
        if (currentEtag == null) {
            // A first save publishes an empty signed index before any upload, so that a save cut short leaves a
            // bucket a restore accepts (it trusts nothing yet) rather than unindexed objects it must refuse.
            currentEtag = signed.publishIf(CacheIndex.EMPTY, null);
            if (currentEtag == null) {
                throw new IOException("the cache index appeared while saving (another writer without the lease);"
                        + " nothing was published, the next save retries");
            }
        }
        CacheIndex published = reading.trusted() ? reading.index() : CacheIndex.EMPTY;
        Map<String, CacheIndex.Entry> next = new TreeMap<>(published.entries());
        Map<String, CacheIndex.Entry> sent = new ConcurrentHashMap<>();
        List<TransferPool.Transfer> uploads = new ArrayList<>();
        Set<String> uploading = new HashSet<>();
        int unchanged = 0;
        int reused = 0;
        for (Map.Entry<String, CacheIndex.Entry> e : local.entrySet()) {
            if (e.getValue().equals(published.entries().get(e.getKey()))) {
                unchanged++;
            } else if (journal.landed(e.getKey(), e.getValue())) {
                reused++;
                next.put(e.getKey(), e.getValue());
            } else {
                Path file = root.path().resolve(e.getKey());
                uploading.add(e.getKey());
                uploads.add(TransferPool.sized(e.getValue().size(), () -> {
                    byte[] bytes = root.read(file); // refuses a symlink planted since the scan
                    CacheIndex.Entry entry = new CacheIndex.Entry(Digests.sha256Hex(bytes), bytes.length);
                    store.put(e.getKey(), bytes);
                    sent.put(e.getKey(), entry);
                    journal.record(e.getKey(), entry);
                    return true;
                }));
            }
        }
        journal.begin(uploading);
        int transferred;
        boolean publishing;
        try {
            transferred = pool.runAll(uploads);
            next.putAll(sent);
            publishing = transferred > 0 || reused > 0 || !reading.trusted();
            if (publishing) {
                lease.ensureHeld(held); // a save whose lease was taken over must not publish
                publish(new CacheIndex(published.generation() + 1, next), currentEtag, root.path(), fingerprint);
            }
        } catch (IOException | InterruptedException | RuntimeException cut) {
            journal.flushQuietly(); // what landed is reused by the next save
            throw cut;
        }
        if (publishing) {
            journal.clear(); // the index now says all of it
        }
        if (reused > 0) {
            messages.add("reused " + reused + " objects an interrupted save had uploaded");
        }
        return result(transferred, unchanged + reused, t0, List.copyOf(messages));
    }

    /** Publishes the signed index on the one it read, and remembers it for the next no-change save. */
    private void publish(CacheIndex next, String currentEtag, Path cacheRoot, String fingerprint) throws IOException {
        String etag = signed.publishIf(next, currentEtag);
        if (etag == null) {
            throw new IOException("the cache index changed while saving (another writer without the lease);"
                    + " nothing was published, the next save retries");
        }
        new LastPublished(etag, fingerprint).store(cacheRoot);
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
