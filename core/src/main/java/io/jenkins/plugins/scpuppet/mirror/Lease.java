package io.jenkins.plugins.scpuppet.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One writer per bucket: a lease object written with conditional writes (If-None-Match to take a free lease, If-Match
 * to take over a lapsed one or to renew ours, If-Match on the DELETE that releases it), so two builds for the same
 * account and region never save at the same time. A lease lapses when S3's Last-Modified of the lease object plus the
 * holder's TTL is before S3's own Date on the same response: one clock, S3's, so a skewed agent clock cannot take over
 * a live lease. The holder renews it every TTL/3 while it saves, so a dead holder's lease lapses within one TTL.
 */
public final class Lease {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final S3Store store;
    private final Clock clock;
    private final String owner;
    private final Duration ttl;
    private final String nonce = UUID.randomUUID().toString();

    /** {@code clock} only measures the local wait in {@link #acquire}; expiry is judged by S3's clock. */
    public Lease(S3Store store, Clock clock, String owner, Duration ttl) {
        this.store = store;
        this.clock = clock;
        this.owner = owner;
        this.ttl = ttl;
    }

    /** A lease we hold: the ETag of our last write of it, and whether a renewal found it taken over. */
    public static final class Held {
        private volatile String etag;
        private volatile boolean lost;
        private volatile ScheduledExecutorService renewer;

        Held(String etag) {
            this.etag = etag;
        }

        public String etag() {
            return etag;
        }

        public boolean lost() {
            return lost;
        }
    }

    /**
     * Tries once; empty if someone else holds a live lease (the holder and when it lapses go in {@code why}). A lease
     * this object wrote itself is taken back: a write whose answer was lost (a timeout, then a retry that met our own
     * object) must not make a save wait for itself.
     */
    public Optional<Held> tryAcquire(StringBuilder why) {
        byte[] body = body();
        String taken = store.putIf(CacheKeys.LEASE, body, null);
        if (taken != null) {
            return Optional.of(new Held(taken));
        }
        S3Store.Stamped current = store.getStamped(CacheKeys.LEASE);
        if (current == null) {
            return Optional.empty(); // released between our two calls: the next try takes it
        }
        Duration holderTtl;
        String holder;
        boolean ours;
        try {
            JsonNode doc = JSON.readTree(current.bytes());
            ours = nonce.equals(doc.path("nonce").asText(null));
            // A lease without a TTL (an older writer's) holds for ours: a live saver is not taken over at once.
            holderTtl = Duration.ofMillis(doc.path("ttlMillis").asLong(ttl.toMillis()));
            holder = doc.path("owner").asText("?");
        } catch (IOException | RuntimeException e) {
            holderTtl = Duration.ZERO; // an unreadable lease protects nobody
            holder = "unreadable lease";
            ours = false;
        }
        Instant lapses = current.lastModified().plus(holderTtl);
        if (!ours && current.serverNow().isBefore(lapses)) {
            why.setLength(0);
            why.append("held by ").append(holder).append(" (last written ").append(current.lastModified());
            why.append(", lapses at ").append(lapses).append(" by S3's clock unless renewed)");
            return Optional.empty();
        }
        String takenOver = store.putIf(CacheKeys.LEASE, body, current.etag());
        return takenOver == null ? Optional.empty() : Optional.of(new Held(takenOver));
    }

    /** Waits up to {@code timeout}, polling with the given interval. */
    public Optional<Held> acquire(Duration timeout, Duration poll, StringBuilder why) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            Optional<Held> held = tryAcquire(why);
            if (held.isPresent() || !clock.instant().isBefore(deadline)) {
                return held;
            }
            Thread.sleep(poll.toMillis());
        }
    }

    /**
     * Rewrites the lease on the ETag we hold (If-Match), which moves its Last-Modified on S3's clock. False, and the
     * lease marked lost, when someone else wrote it since. Synchronized: the renewer thread and {@link #ensureHeld}
     * must not race on the same ETag, or the loser would think the lease taken over.
     */
    public synchronized boolean renew(Held held) {
        if (held.lost) {
            return false;
        }
        String next = store.putIf(CacheKeys.LEASE, body(), held.etag);
        if (next == null) {
            held.lost = true;
            return false;
        }
        held.etag = next;
        return true;
    }

    /** Renews the lease every {@code every} on one daemon thread, until {@link #release} or until it is lost. */
    public void keepRenewed(Held held, Duration every) {
        ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cache-lease-renewer");
            t.setDaemon(true);
            return t;
        });
        held.renewer = renewer;
        long millis = Math.max(1, every.toMillis());
        renewer.scheduleWithFixedDelay(
                () -> {
                    try {
                        if (!renew(held)) {
                            renewer.shutdown();
                        }
                    } catch (RuntimeException transientFailure) {
                        // a network error: the next tick retries, and ensureHeld decides before publishing
                    }
                },
                millis,
                millis,
                TimeUnit.MILLISECONDS);
    }

    /** Renews once more, now: the save publishes only while this succeeds, so a taken-over lease stops it here. */
    public void ensureHeld(Held held) throws IOException {
        if (!renew(held)) {
            throw new IOException(
                    "cache not saved: the lease on s3://" + store.bucket().name()
                            + " was taken over by another build while this save ran (its renewals lapsed);"
                            + " the index was not published, the next save reuses what was uploaded");
        }
    }

    /**
     * Stops renewing, then deletes the lease only if it is still ours: a conditional DELETE (If-Match on our ETag), so
     * releasing never removes a lease another build took over. S3 and S3Proxy 4.1.0 both refuse it (412) otherwise.
     */
    public void release(Held held) {
        ScheduledExecutorService renewer = held.renewer;
        if (renewer != null) {
            renewer.shutdown(); // not interrupted: a renewal cut mid-call could land with its ETag unknown to us
            try {
                renewer.awaitTermination(30, TimeUnit.SECONDS); // a renewal in flight would move the ETag
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (!held.lost) {
                store.deleteIf(CacheKeys.LEASE, held.etag);
            }
        }
    }

    private byte[] body() {
        try {
            return JSON.writeValueAsBytes(JSON.createObjectNode()
                    .put("owner", owner)
                    .put("nonce", nonce) // this object's, so that it knows its own lease
                    .put("writtenAt", clock.instant().toString()) // for people reading it; expiry uses S3's clock
                    .put("ttlMillis", ttl.toMillis()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
