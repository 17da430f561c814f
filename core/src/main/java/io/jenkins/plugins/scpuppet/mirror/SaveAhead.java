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
import java.util.concurrent.TimeUnit;

/**
 * The save of a deploy, begun while its run still goes: each target the run writes is uploaded as it lands, so the
 * save after the run has only the index to publish (and whatever was not sent). The lease is taken at the first
 * target, never waited for: if another build holds it, nothing goes early and the save after the run waits for it as
 * usual. Held, it is renewed until the save after the run releases it, so a deploy's early uploads and its index are
 * one save. A fully cached run writes no target, so it takes no lease and writes nothing.
 *
 * <p>Offers come from the run's event thread and must be quick: the lease, the index and the journal are read on one
 * feeder thread of its own, which hands the uploads to the mirror's pool. An early upload that fails stops the early
 * uploads; the save after the run sends what is left and reports any error.
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
    /** Touched only on the feeder thread until {@link #stop}. */
    private CacheRoot root;

    private volatile Lease.Held held;
    private SaveSession session;
    private volatile boolean off;
    private volatile String whyOff;

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
        feeder.execute(() -> {
            if (off) {
                return;
            }
            try {
                if (session == null && !begin()) {
                    return;
                }
                String key = CacheKeys.keyOf(cacheFolder, target); // the folder the run wrote under
                if (CacheKeys.localPath(root.path(), key).isPresent()) {
                    long size = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                            .size();
                    uploads.submit(List.of(TransferPool.sized(size, stoppingOnFailure(session.upload(key)))));
                }
            } catch (IOException | RuntimeException e) {
                stopEarly("could not begin: " + e.getMessage());
            } catch (InterruptedException e) {
                stopEarly("interrupted");
                Thread.currentThread().interrupt();
            }
        });
    }

    /** An early upload that fails stops the others: S3 refusing one is likely to refuse the next. */
    private TransferPool.Transfer stoppingOnFailure(TransferPool.Transfer upload) {
        return () -> {
            try {
                return upload.call();
            } catch (Exception e) {
                stopEarly("an upload failed: " + e.getMessage());
                throw e;
            }
        };
    }

    /** Takes the lease if it is free and reads what the save needs; false (and off) when it is not free. */
    private boolean begin() throws IOException, InterruptedException {
        root = CacheRoot.open(cacheFolder);
        Optional<Lease.Held> taken = lease.tryAcquire(new StringBuilder());
        if (taken.isEmpty()) {
            stopEarly("the lease is held by another build");
            return false;
        }
        held = taken.get();
        lease.keepRenewed(held, options.leaseRenewEvery());
        session = SaveSession.begin(parts, root, lease, held);
        session.beginOpenEnded();
        return true;
    }

    private void stopEarly(String why) {
        whyOff = why;
        off = true;
    }

    /**
     * Stops taking offers and waits for the early uploads. Returns the session to finish under the lease still held,
     * or empty when nothing went early (no target, or the lease was busy): then the usual save runs. A failed upload
     * is not an error here: the finish uploads that target again.
     */
    Optional<SaveSession> stop() throws InterruptedException {
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

    /** Why early uploads stopped before the run ended, or null. */
    String whyOff() {
        return whyOff;
    }

    /** Releases the lease if it is still held (the save after the run normally does). */
    void release() {
        if (held != null) {
            lease.release(held);
            held = null;
        }
    }

    @Override
    public void close() {
        feeder.shutdownNow();
        release();
    }
}
