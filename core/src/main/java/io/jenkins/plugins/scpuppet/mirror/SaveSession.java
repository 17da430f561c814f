package io.jenkins.plugins.scpuppet.mirror;

import io.jenkins.plugins.scpuppet.engine.Digests;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

/**
 * One save under the bucket's lease: the index and journal it read when it began, what it uploaded since, and the
 * publishing of the new index. Uploads come two ways: {@link #upload} of one target while a run still goes ({@link
 * SaveAhead}), then {@link #finish} of whatever the scan finds that is neither published, uploaded nor claimed by the
 * journal of an interrupted save. Each upload sends the bytes it hashed, so the index and the journal say what landed.
 */
final class SaveSession {
    private final S3Store store;
    private final TransferPool pool;
    private final SignedIndex signed;
    private final CacheRoot root;
    private final Lease lease;
    private final Lease.Held held;
    private final SaveJournal journal;
    private final SignedIndex.Reading reading;
    private final String currentEtag;
    private final CacheIndex published;
    private final Map<String, CacheIndex.Entry> sent = new ConcurrentHashMap<>();
    private final Set<String> writing = ConcurrentHashMap.newKeySet();
    private final List<String> messages = new ArrayList<>();

    private SaveSession(
            SaveParts parts,
            CacheRoot root,
            Lease lease,
            Lease.Held held,
            SaveJournal journal,
            SignedIndex.Reading reading,
            String currentEtag) {
        this.store = parts.store();
        this.pool = parts.pool();
        this.signed = parts.signed();
        this.root = root;
        this.lease = lease;
        this.held = held;
        this.journal = journal;
        this.reading = reading;
        this.currentEtag = currentEtag;
        this.published = reading.trusted() ? reading.index() : CacheIndex.EMPTY;
    }

    /** What every save works with. */
    record SaveParts(S3Store store, TransferPool pool, SignedIndex signed) {}

    /**
     * Reads the index and the journal under {@code held}. A first save publishes an empty signed index before any
     * upload, so that a save cut short leaves a bucket a restore accepts (it trusts nothing yet) rather than unindexed
     * objects it must refuse.
     */
    static SaveSession begin(SaveParts parts, CacheRoot root, Lease lease, Lease.Held held)
            throws IOException, InterruptedException {
        Future<SignedIndex.Reading> indexRequest = parts.pool().submit(parts.signed()::read);
        SaveJournal journal = SaveJournal.read(parts.store(), parts.pool());
        SignedIndex.Reading reading = TransferPool.await(indexRequest);
        String currentEtag = reading.object() == null ? null : reading.object().etag();
        if (currentEtag == null) {
            currentEtag = parts.signed().publishIf(CacheIndex.EMPTY, null);
            if (currentEtag == null) {
                throw new IOException("the cache index appeared while saving (another writer without the lease);"
                        + " nothing was published, the next save retries");
            }
        }
        SaveSession session = new SaveSession(parts, root, lease, held, journal, reading, currentEtag);
        if (reading.state() == SignedIndex.State.UNSIGNED || reading.state() == SignedIndex.State.BAD_MAC) {
            // Never carried forward into a signed index: this save lists only what it uploads or can vouch for.
            session.messages.add("s3://" + parts.store().bucket().name() + " held " + reading.problem()
                    + "; replaced it with a signed index of this workspace's targets");
        }
        return session;
    }

    /**
     * Before uploads whose keys are not known yet (a run still writing targets): drops every earlier journal chunk,
     * keeping its claims in memory for {@link #finish}. A claim must not outlive the overwrite of its key, and any key
     * may be overwritten now. If this save is cut too, the next one re-uploads what the earlier one had landed.
     */
    void beginOpenEnded() {
        journal.begin(journal.claimed());
    }

    /**
     * Uploads one target the run just wrote, if the published index does not list its key: until the index is
     * published, an overwrite would leave others' restores a listed object whose bytes no longer match (the save after
     * the run does those). Refuses a symlink as the scan would; stops once the lease is lost.
     */
    TransferPool.Transfer uploadNew(String key) {
        TransferPool.Transfer upload = upload(key);
        return () -> !published.entries().containsKey(key) && upload.call();
    }

    /**
     * Uploads one target unless the published index or this save already holds these bytes. One upload of a key at a
     * time, and the journal forgets any earlier claim on the key first, so no claim outlives its key's overwrite.
     */
    TransferPool.Transfer upload(String key) {
        Path file = root.path().resolve(key);
        return () -> {
            if (held.lost() || !writing.add(key)) {
                return false; // lost: the finish's ensureHeld reports it; busy: the key is being sent already
            }
            try {
                byte[] bytes = root.read(file);
                CacheIndex.Entry entry = new CacheIndex.Entry(Digests.sha256Hex(bytes), bytes.length);
                if (entry.equals(published.entries().get(key)) || entry.equals(sent.get(key))) {
                    return false;
                }
                journal.forget(key);
                store.put(key, bytes);
                sent.put(key, entry);
                journal.record(key, entry);
                return true;
            } finally {
                writing.remove(key);
            }
        };
    }

    /** Writes what the journal still buffers, if S3 takes it: for a save that ends without publishing. */
    void keepJournal() {
        journal.flushQuietly();
    }

    /** Whether the lease is still ours, renewing it once: a save that lost it must begin again under a new one. */
    boolean stillHeld() {
        try {
            return lease.renew(held);
        } catch (RuntimeException unreachable) {
            return false; // the save that begins again meets the same error and reports it
        }
    }

    /**
     * Uploads what {@code local} holds that is neither published, already sent by this save, nor claimed by the
     * journal, then publishes the index if anything changed.
     */
    MirrorResult finish(Map<String, CacheIndex.Entry> local, String fingerprint, long t0)
            throws IOException, InterruptedException {
        Map<String, CacheIndex.Entry> next = new TreeMap<>(published.entries());
        List<TransferPool.Transfer> uploads = new ArrayList<>();
        Set<String> uploading = new HashSet<>();
        int unchanged = 0;
        int reused = 0;
        int sentAhead = 0;
        for (Map.Entry<String, CacheIndex.Entry> e : local.entrySet()) {
            String key = e.getKey();
            if (e.getValue().equals(published.entries().get(key))) {
                unchanged++;
            } else if (e.getValue().equals(sent.get(key))) {
                sentAhead++;
                next.put(key, e.getValue());
            } else if (journal.landed(key, e.getValue())) {
                reused++;
                next.put(key, e.getValue());
            } else {
                uploading.add(key);
                uploads.add(TransferPool.sized(e.getValue().size(), upload(key)));
            }
        }
        journal.begin(uploading);
        int transferred;
        boolean publishing;
        try {
            transferred = pool.runAll(uploads);
            uploading.forEach(key -> {
                CacheIndex.Entry entry = sent.get(key);
                if (entry != null) {
                    next.put(key, entry);
                }
            });
            publishing = transferred > 0 || sentAhead > 0 || reused > 0 || !reading.trusted();
            if (publishing) {
                lease.ensureHeld(held); // a save whose lease was taken over must not publish
                publish(new CacheIndex(published.generation() + 1, next), fingerprint);
            }
        } catch (IOException | InterruptedException | RuntimeException cut) {
            if (!held.lost()) {
                journal.flushQuietly(); // what landed is reused by the next save; never under another build's lease
            }
            throw cut;
        }
        if (publishing) {
            journal.clear(); // the index now says all of it
        }
        if (reused > 0) {
            messages.add("reused " + reused + " objects an interrupted save had uploaded");
        }
        if (sentAhead > 0) {
            messages.add("uploaded " + sentAhead + " of them while the run went on");
        }
        return new MirrorResult(
                transferred + sentAhead,
                unchanged + reused,
                List.of(),
                List.of(),
                0,
                false,
                (System.nanoTime() - t0) / 1_000_000,
                List.copyOf(messages));
    }

    /** Publishes the signed index on the one read at the start, and remembers it for the next no-change save. */
    private void publish(CacheIndex next, String fingerprint) throws IOException {
        String etag = signed.publishIf(next, currentEtag);
        if (etag == null) {
            throw new IOException("the cache index changed while saving (another writer without the lease);"
                    + " nothing was published, the next save retries");
        }
        new LastPublished(etag, fingerprint).store(root.path());
    }
}
