package io.jenkins.plugins.scpuppet.mirror;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The save of a deploy, begun while its run still goes: each new target the run writes is uploaded as it lands, so
 * the save after the run has little left to send. Only keys the published index does not list go early (nobody
 * trusts those yet); overwrites wait for the save after the run. The lease is taken at the first such target, never
 * waited for: if another build holds it, nothing goes early and the save after the run waits for it as usual. Held,
 * it is renewed until the save after the run publishes the index and releases it. A run that writes no new key (fully
 * cached, or forced over the same keys) takes no lease early.
 *
 * <p>Offers come from the run's event thread and must be quick: the index, the lease and the journal are read on one
 * feeder thread of its own, which hands the uploads to the mirror's pool. An S3 error stops the early uploads; the
 * save after the run sends what is left and reports any error.
 */
final class SaveAhead implements AutoCloseable {
    private final SaveSession.SaveParts parts;
    private final MirrorOptions options;
    private final Lease lease;
    private final Path cacheFolder;
    private final ExecutorService feeder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "puppet-mirror-ahead");
        t.setDaemon(true);
        return t;
    });
    private final TransferPool.Batch uploads;
    /** Set on the feeder thread; read by others only after it stopped. */
    private CacheRoot root;

    private CacheIndex listed;
    private SaveSession session;
    private Lease.Held held;
    private boolean closed;
    private boolean abandoned;
    /** Set by {@link #stop}: the save after the run owns the session and its journal from then on. */
    private boolean finishing;

    private volatile boolean off;

    SaveAhead(SaveSession.SaveParts parts, MirrorOptions options, Lease lease, Path cacheFolder) {
        this.parts = parts;
        this.options = options;
        this.lease = lease;
        this.cacheFolder = cacheFolder;
        this.uploads = parts.pool().new Batch();
    }

    /** A target the run wrote (a path under the cache folder); ignored once early uploads stopped. */
    void offer(Path target) {
        if (off) {
            return;
        }
        try {
            feeder.execute(() -> feed(target));
        } catch (RejectedExecutionException stopped) {
            // the save after the run began meanwhile: its scan finds this target
        }
    }

    /** On the feeder thread: reads the index at the first target, begins the save at the first new key. */
    private void feed(Path target) {
        if (off) {
            return;
        }
        try {
            if (root == null) {
                root = CacheRoot.open(cacheFolder);
                listed = parts.signed().read().index(); // null unless it authenticates: then every key is new
            }
            String key = CacheKeys.keyOf(cacheFolder, target); // the folder the run wrote under
            if (CacheKeys.localPath(root.path(), key).isEmpty()
                    || (listed != null && listed.entries().containsKey(key))) {
                return;
            }
            long size;
            try {
                size = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                        .size();
            } catch (IOException gone) {
                return; // the scan after the run decides what to do with it
            }
            if (session == null && !begin()) {
                return;
            }
            uploads.submit(List.of(TransferPool.sized(size, stoppingOnFailure(session.uploadNew(key)))));
        } catch (IOException | RuntimeException e) {
            off = true; // the save after the run meets the same cause and reports it
        } catch (InterruptedException e) {
            off = true;
            Thread.currentThread().interrupt();
        } finally {
            if (closed()) {
                abandon(); // closed while this thread was stuck past close's wait: it cleans up itself
            }
        }
    }

    /** An early upload that fails stops the others: S3 refusing one is likely to refuse the next. */
    private TransferPool.Transfer stoppingOnFailure(TransferPool.Transfer upload) {
        return () -> {
            try {
                return upload.call();
            } catch (Exception e) {
                off = true;
                throw e;
            }
        };
    }

    /**
     * Takes the lease if it is free and reads what the save needs; false (and off) when it is not free or the save
     * cannot begin, in which case the lease is released again. The renewer starts only once the save began.
     */
    private boolean begin() throws IOException, InterruptedException {
        Optional<Lease.Held> taken = lease.tryAcquire(new StringBuilder());
        if (taken.isEmpty()) {
            off = true;
            return false;
        }
        synchronized (this) {
            held = taken.get();
            lease.keepRenewed(held, options.leaseRenewEvery()); // reading the journal may be slow: renewed meanwhile
        }
        try {
            SaveSession begun = SaveSession.begin(parts, root, lease, taken.get());
            begun.beginOpenEnded(); // if this throws, no early upload: the save after the run begins afresh
            synchronized (this) {
                if (closed) {
                    off = true;
                    return false; // the finally of feed abandons
                }
                session = begun;
            }
            return true;
        } catch (IOException | InterruptedException | RuntimeException e) {
            releaseUninterrupted();
            throw e;
        }
    }

    /**
     * Stops taking offers and waits for the early uploads. Returns the session to finish under the lease still held,
     * or empty when nothing went early (no new key, the lease was busy, or the save could not begin): then the usual
     * save runs, after {@link #release}. A failed upload is not an error here: the finish sends that target again.
     */
    Optional<SaveSession> stop() throws InterruptedException {
        synchronized (this) {
            finishing = true;
        }
        off = true;
        feeder.shutdown();
        if (!feeder.awaitTermination(1, TimeUnit.DAYS)) {
            throw new InterruptedException("early uploads did not stop");
        }
        try {
            uploads.await();
        } catch (IOException failedUpload) {
            // sent again by the finish, which reports it if it fails again
        }
        return Optional.ofNullable(session);
    }

    Lease lease() {
        return lease;
    }

    /** Releases the lease if it is still held (the save after the run normally does). */
    synchronized void release() {
        if (held != null) {
            lease.release(held);
            held = null;
        }
    }

    private synchronized boolean closed() {
        return closed;
    }

    /**
     * Without a save after the run (the deploy ended abnormally): stops the feeder and every early upload, keeps the
     * journal of what landed (for the next save), then releases the lease. If the feeder does not stop within the wait
     * (a call stuck in the network), it does this itself when it ends, so nothing is written once the lease is gone.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        off = true;
        feeder.shutdown(); // not interrupted: a lease half taken would stay behind; queued offers return at once
        boolean stopped = false;
        try {
            stopped = feeder.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopped) {
            abandon();
        }
    }

    /** Once, after close: no early upload runs any more, the journal is kept while the lease is ours, then released. */
    private synchronized void abandon() {
        if (abandoned) {
            return;
        }
        abandoned = true;
        uploads.stop();
        if (session != null && !finishing && held != null && session.stillHeld()) {
            session.keepJournal(); // one renewal first: a lease lapsed unnoticed must not be written under
        }
        releaseUninterrupted();
    }

    /** An interrupted thread's S3 calls abort at once: the release must still reach S3, or the lease stays behind. */
    private void releaseUninterrupted() {
        boolean interrupted = Thread.interrupted();
        try {
            release();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
