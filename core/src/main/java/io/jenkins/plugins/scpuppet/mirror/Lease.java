package io.jenkins.plugins.scpuppet.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One writer per bucket: a lease object written with conditional writes (If-None-Match to take a free lease, If-Match
 * to take over an expired one), so two builds for the same account and region never save at the same time.
 */
public final class Lease {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final S3Store store;
    private final Clock clock;
    private final String owner;
    private final Duration ttl;

    public Lease(S3Store store, Clock clock, String owner, Duration ttl) {
        this.store = store;
        this.clock = clock;
        this.owner = owner;
        this.ttl = ttl;
    }

    /** A lease we hold. */
    public record Held(String etag) {}

    /** Tries once; empty if someone else holds an unexpired lease (the holder and expiry go in {@code why}). */
    public Optional<Held> tryAcquire(StringBuilder why) {
        byte[] body = body();
        String taken = store.putIf(CacheKeys.LEASE, body, null);
        if (taken != null) {
            return Optional.of(new Held(taken));
        }
        S3Store.Got current = store.get(CacheKeys.LEASE);
        if (current == null) {
            return Optional.empty(); // released between our two calls: the next try takes it
        }
        Instant expires;
        String holder;
        try {
            JsonNode doc = JSON.readTree(current.bytes());
            expires = Instant.parse(doc.path("expiresAt").asText());
            holder = doc.path("owner").asText("?");
        } catch (IOException | RuntimeException e) {
            expires = Instant.EPOCH; // an unreadable lease protects nobody
            holder = "unreadable lease";
        }
        if (expires.isAfter(clock.instant())) {
            why.setLength(0);
            why.append("held by ").append(holder).append(" until ").append(expires);
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

    /** Deletes the lease if it is still ours (unchanged since we took it). */
    public void release(Held held) {
        S3Store.Got current = store.get(CacheKeys.LEASE);
        if (current != null && current.etag() != null && current.etag().equals(held.etag())) {
            store.delete(CacheKeys.LEASE);
        }
    }

    private byte[] body() {
        try {
            return JSON.writeValueAsBytes(JSON.createObjectNode()
                    .put("owner", owner)
                    .put("acquiredAt", clock.instant().toString())
                    .put("expiresAt", clock.instant().plus(ttl).toString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
