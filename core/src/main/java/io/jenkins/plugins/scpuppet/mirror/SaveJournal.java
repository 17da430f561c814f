package io.jenkins.plugins.scpuppet.mirror;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a save has uploaded so far, so that the next save reuses it when this one is cut before it publishes the index.
 * Each chunk under {@code output/_puppet/pending/} lists objects by key, SHA-256 and size, each written only after S3
 * acknowledged a PUT of exactly those bytes (the digest is of the bytes sent). Reading it back costs one LIST and a GET
 * per chunk, instead of a HEAD per object, and it holds SHA-256 where a listing would give only ETags (an MD5 only for
 * single-part uploads without SSE-KMS).
 *
 * <p>A claim stays true while nobody overwrites its key: saves hold the lease, a save drops every claim on a key it is
 * about to upload before uploading it, purges clear the journal, and conflicting claims on one key are not trusted.
 */
final class SaveJournal {
    static final String PREFIX = CacheKeys.META + "pending/";
    /** Objects per chunk: an interrupted save re-uploads at most about this many that had landed. */
    static final int CHUNK = 64;

    private final S3Store store;
    private final String saveId = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    private final Map<String, CacheIndex.Entry> claims;
    private final List<String> oldChunks;
    private final List<String> written = new ArrayList<>();
    private final List<Map.Entry<String, CacheIndex.Entry>> buffer = new ArrayList<>();
    private int sequence;
    private int flushAt = CHUNK;
    private boolean begun;
    /** Set once the index lists everything: no chunk may be written after that (the lease may be gone). */
    private boolean finished;

    private SaveJournal(S3Store store, Map<String, CacheIndex.Entry> claims, List<String> oldChunks) {
        this.store = store;
        this.claims = claims;
        this.oldChunks = oldChunks;
    }

    /** Reads the chunks earlier saves left (fetched in parallel); an unreadable chunk is ignored. */
    static SaveJournal read(S3Store store, TransferPool pool) throws InterruptedException, IOException {
        List<String> chunks = store.list(PREFIX);
        List<Future<S3Store.Got>> gets = new ArrayList<>();
        for (String key : chunks) {
            gets.add(pool.submit(() -> store.get(key)));
        }
        Map<String, CacheIndex.Entry> claims = new ConcurrentHashMap<>(); // forget() runs on upload threads
        Set<String> conflicting = new HashSet<>();
        for (Future<S3Store.Got> get : gets) {
            S3Store.Got got = TransferPool.await(get);
            CacheIndex chunk;
            try {
                chunk = got == null ? CacheIndex.EMPTY : CacheIndex.fromJson(got.bytes());
            } catch (IOException unreadable) {
                continue; // it only costs uploads
            }
            chunk.entries().forEach((key, entry) -> {
                CacheIndex.Entry before = claims.putIfAbsent(key, entry);
                if (before != null && !before.equals(entry)) {
                    conflicting.add(key); // two saves wrote it: which landed last is unknown
                }
            });
        }
        conflicting.forEach(claims::remove);
        return new SaveJournal(store, claims, chunks);
    }

    /** Whether an earlier save is known to have uploaded exactly these bytes to this key. */
    boolean landed(String key, CacheIndex.Entry entry) {
        return entry.equals(claims.get(key));
    }

    /** Before this save writes {@code key}: an earlier save's claim on it no longer holds. */
    void forget(String key) {
        claims.remove(key);
    }

    /** The keys earlier saves claim to have uploaded. */
    Set<String> claimed() {
        return Set.copyOf(claims.keySet());
    }

    /**
     * Before any upload: keeps the claims on keys this save will not upload in a chunk of its own, then deletes the
     * earlier chunks, so no claim outlives the overwrite of its key. Does nothing when there was no journal, or the
     * second time: the earlier chunks are gone, and the claims kept the first time must not be written again.
     */
    void begin(Set<String> uploading) {
        if (oldChunks.isEmpty() || begun) {
            return;
        }
        Map<String, CacheIndex.Entry> kept = new TreeMap<>(claims);
        kept.keySet().removeAll(uploading);
        if (!kept.isEmpty()) {
            write(kept);
        }
        delete(store, oldChunks); // throws if S3 cannot be reached; the upload would not have got far either
        begun = true;
    }

    /**
     * Records one acknowledged upload; every {@link #CHUNK} of them go out as one chunk. Never fails the upload: a
     * chunk S3 refuses is kept and tried again with the next one.
     */
    void record(String key, CacheIndex.Entry sent) {
        List<Map.Entry<String, CacheIndex.Entry>> full;
        synchronized (buffer) {
            if (finished) {
                return;
            }
            buffer.add(Map.entry(key, sent));
            if (buffer.size() < flushAt) {
                return;
            }
            full = new ArrayList<>(buffer);
            buffer.clear();
        }
        writeOrKeep(full);
    }

    /** After a failed upload: writes what is still buffered, if S3 takes it. */
    void flushQuietly() {
        List<Map.Entry<String, CacheIndex.Entry>> rest;
        synchronized (buffer) {
            rest = new ArrayList<>(buffer);
            buffer.clear();
        }
        if (!rest.isEmpty()) {
            writeOrKeep(rest); // if S3 refuses it too, these few objects go up again next time
        }
    }

    /**
     * After the index is published, which now lists everything this journal held. Best effort: a chunk left behind
     * still tells the truth, and the next save that uploads replaces it.
     */
    void clear() {
        synchronized (buffer) {
            buffer.clear(); // the index says all of it: nothing more to claim
            finished = true;
        }
        List<String> mine;
        synchronized (written) {
            mine = List.copyOf(written);
        }
        try {
            delete(store, mine);
        } catch (RuntimeException leftBehind) {
            // see above
        }
    }

    /** Deletes every chunk: after a purge, no claim of an earlier save can be trusted. */
    static void clear(S3Store store) {
        delete(store, store.list(PREFIX));
    }

    /**
     * In requests of at most 1,000 keys, the API's limit. A key S3 could not delete (a 200 answer can list some) is an
     * error: a chunk left behind would keep claims this save is about to make false.
     */
    private static void delete(S3Store store, List<String> chunks) {
        for (int i = 0; i < chunks.size(); i += 1000) {
            List<String> failed = store.deleteBatch(chunks.subList(i, Math.min(chunks.size(), i + 1000)));
            if (!failed.isEmpty()) {
                throw new IllegalStateException("could not delete journal chunks: " + String.join(", ", failed));
            }
        }
    }

    private void writeOrKeep(List<Map.Entry<String, CacheIndex.Entry>> entries) {
        Map<String, CacheIndex.Entry> chunk = new TreeMap<>();
        entries.forEach(e -> chunk.put(e.getKey(), e.getValue()));
        try {
            write(chunk);
            synchronized (buffer) {
                flushAt = CHUNK;
            }
        } catch (RuntimeException refused) {
            synchronized (buffer) {
                buffer.addAll(entries); // the next chunk, or the flush after a failure, tries them again
                flushAt = buffer.size() + CHUNK; // not one failing request per upload
            }
        }
    }

    private void write(Map<String, CacheIndex.Entry> chunk) {
        String key;
        synchronized (written) {
            key = PREFIX + saveId + "-" + sequence++ + ".json";
        }
        store.put(key, new CacheIndex(0, chunk).toJson());
        synchronized (written) {
            written.add(key);
        }
    }
}
