package io.jenkins.plugins.scpuppet.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/** The bucket's lease on S3Proxy: judged by S3's clock, renewed while a save runs, released only by its holder. */
class LeaseTest extends MirrorFixture {
    private static final Duration SHORT = Duration.ofSeconds(2);

    private Lease lease(String owner, Clock clock, Duration ttl) {
        return new Lease(s3.store(), clock, owner, ttl);
    }

    private String leaseOwner() {
        S3Store.Got got = s3.store().get(CacheKeys.LEASE);
        return got == null
                ? null
                : new String(got.bytes(), StandardCharsets.UTF_8).replaceAll(".*\"owner\":\"([^\"]*)\".*", "$1");
    }

    /** Polls S3 (not a sleep to wait for a thread): S3's Date on the lease object, its clock now. */
    private Instant s3Now() {
        return s3.store().getStamped(CacheKeys.LEASE).serverNow();
    }

    private static void pause() {
        try {
            Thread.sleep(100); // poll interval between two reads of S3's state
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean isPut(SdkHttpRequest r, String key) {
        return r.method() == SdkHttpMethod.PUT && r.encodedPath().endsWith("/" + key);
    }

    /** A target upload, not the lease, journal or index (those live under output/_puppet/). */
    private static boolean isTarget(SdkHttpRequest r) {
        return r.method() == SdkHttpMethod.PUT && r.encodedPath().contains("/output/Params/");
    }

    @Test
    void shouldJudgeExpiryByS3sClockNotTheAgents() {
        lease("build-A", Clock.systemUTC(), Duration.ofMinutes(3))
                .tryAcquire(new StringBuilder())
                .orElseThrow();
        Clock anHourAhead = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
        StringBuilder why = new StringBuilder();

        Optional<Lease.Held> skewed =
                lease("build-B", anHourAhead, Duration.ofMinutes(3)).tryAcquire(why);

        assertThat(skewed).isEmpty();
        assertThat(why.toString()).contains("held by build-A").contains("by S3's clock");
        assertThat(leaseOwner()).isEqualTo("build-A");
    }

    @Test
    void shouldLetALeaseLapseOnceItsHolderStopsRenewing() {
        lease("build-A", Clock.systemUTC(), SHORT)
                .tryAcquire(new StringBuilder())
                .orElseThrow();
        S3Store.Stamped first = s3.store().getStamped(CacheKeys.LEASE);
        Lease b = lease("build-B", Clock.systemUTC(), SHORT);
        Optional<Lease.Held> whileLive = b.tryAcquire(new StringBuilder());

        Optional<Lease.Held> taken = Optional.empty();
        Instant giveUp = first.serverNow().plus(Duration.ofSeconds(20));
        while (taken.isEmpty() && s3Now().isBefore(giveUp)) {
            pause();
            taken = b.tryAcquire(new StringBuilder());
        }
        S3Store.Stamped after = s3.store().getStamped(CacheKeys.LEASE);

        assertThat(whileLive).isEmpty();
        assertThat(taken).isPresent();
        assertThat(leaseOwner()).isEqualTo("build-B");
        // taken over only once S3's clock had passed the holder's Last-Modified plus its TTL
        assertThat(Duration.between(first.lastModified(), after.lastModified())).isGreaterThanOrEqualTo(SHORT);
    }

    @Test
    void shouldRenewAHeldLeaseThroughASaveLongerThanItsTtl() throws Exception {
        Path ws = tmp.resolve("ws");
        run(ws);
        Lease other = lease("build-B", Clock.systemUTC(), SHORT);
        AtomicBoolean blocked = new AtomicBoolean();
        AtomicInteger takeovers = new AtomicInteger();
        AtomicInteger attempts = new AtomicInteger();
        // the first upload holds the save until S3's clock is two TTLs past the lease's first write; meanwhile
        // another build keeps trying to take the lease
        s3.failWhen = r -> {
            if (r.method() == SdkHttpMethod.PUT && isTarget(r) && blocked.compareAndSet(false, true)) {
                Instant start = s3.store().getStamped(CacheKeys.LEASE).lastModified();
                while (s3Now().isBefore(start.plus(SHORT.multipliedBy(2)).plusSeconds(1))) {
                    attempts.incrementAndGet();
                    other.tryAcquire(new StringBuilder()).ifPresent(h -> takeovers.incrementAndGet());
                    pause();
                }
            }
            return false;
        };
        MirrorResult saved;
        try (CacheMirror slow = new CacheMirror(
                s3.store(),
                MirrorOptions.DEFAULT.withLeaseTimeout(Duration.ZERO, true).withLeaseTtl(SHORT),
                Clock.systemUTC(),
                s3.signer())) {
            saved = slow.save(ws, "build-A");
        }
        long renewals = s3.requests.stream()
                .filter(r -> isPut(r, CacheKeys.LEASE)
                        && r.firstMatchingHeader("If-Match").isPresent())
                .count();

        assertThat(blocked).isTrue();
        assertThat(attempts.get()).isGreaterThan(3);
        assertThat(takeovers.get()).isZero();
        assertThat(renewals).isGreaterThanOrEqualTo(3); // >= two TTLs at one renewal per third
        assertThat(saved.transferred()).isEqualTo(40);
        assertThat(s3.store().get(CacheKeys.INDEX)).isNotNull();
        assertThat(s3.store().get(CacheKeys.LEASE)).isNull(); // released by its holder
    }

    @Test
    void shouldNotPublishWhenTheLeaseWasTakenOverDuringTheSave() throws Exception {
        Path ws = tmp.resolve("ws");
        run(ws);
        AtomicBoolean tookOver = new AtomicBoolean();
        s3.failWhen = r -> {
            if (r.method() == SdkHttpMethod.PUT && isTarget(r) && tookOver.compareAndSet(false, true)) {
                // another build takes the lease over (as after a lapse) while this save uploads
                s3.store()
                        .put(
                                CacheKeys.LEASE,
                                "{\"owner\":\"build-B\",\"ttlMillis\":180000}".getBytes(StandardCharsets.UTF_8));
            }
            return false;
        };
        CacheMirror failing = new CacheMirror(
                s3.store(),
                MirrorOptions.DEFAULT.withLeaseTimeout(Duration.ZERO, true),
                Clock.systemUTC(),
                s3.signer());

        assertThatThrownBy(() -> failing.save(ws, "build-A"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("taken over")
                .hasMessageContaining("not published");
        failing.close();
        assertThat(new SignedIndex(s3.store(), s3.signer()).read().index().entries())
                .as("only the empty index a first save starts with")
                .isEmpty();
        assertThat(leaseOwner()).isEqualTo("build-B"); // its release left the new holder's lease alone
    }

    @Test
    void shouldTakeBackItsOwnLeaseWhoseAnswerWasLostButNotAnotherOnesOfTheSameOwner() {
        Lease a = lease("build-A", Clock.systemUTC(), Duration.ofMinutes(3));
        Lease.Held first = a.tryAcquire(new StringBuilder()).orElseThrow(); // say its answer never came back
        Lease sameOwnerElsewhere = lease("build-A", Clock.systemUTC(), Duration.ofMinutes(3));
        StringBuilder why = new StringBuilder();

        Optional<Lease.Held> other = sameOwnerElsewhere.tryAcquire(why);
        Lease.Held again = a.tryAcquire(new StringBuilder()).orElseThrow();

        assertThat(other).as("a live lease of another object is never taken").isEmpty();
        assertThat(why).contains("held by build-A");
        assertThat(again.etag())
                .isEqualTo(s3.store().getStamped(CacheKeys.LEASE).etag());
        assertThat(a.renew(first)).as("the replaced hold cannot renew").isFalse();
        a.release(again);
        assertThat(s3.store().get(CacheKeys.LEASE)).isNull();
    }

    @Test
    void shouldCountALeaseDeletedUnderItsHolderAsLost() {
        Lease a = lease("build-A", Clock.systemUTC(), Duration.ofMinutes(3));
        Lease.Held held = a.tryAcquire(new StringBuilder()).orElseThrow();
        assertThat(s3.store().deleteBatch(List.of(CacheKeys.LEASE))).isEmpty();

        boolean renewed = a.renew(held);

        assertThat(renewed).isFalse();
        assertThat(held.lost()).isTrue();
        assertThat(s3.store().get(CacheKeys.LEASE)).as("not written again").isNull();
    }

    @Test
    void shouldReleaseWithAConditionalDelete() {
        Lease a = lease("build-A", Clock.systemUTC(), Duration.ofMinutes(3));
        Lease.Held held = a.tryAcquire(new StringBuilder()).orElseThrow();

        a.release(held);

        assertThat(s3.requests)
                .filteredOn(r -> r.method() == SdkHttpMethod.DELETE)
                .singleElement()
                .satisfies(r -> assertThat(r.firstMatchingHeader("If-Match")).contains(held.etag()));
        assertThat(s3.store().get(CacheKeys.LEASE)).isNull();
    }

    @Test
    void shouldNotDeleteALeaseAnotherBuildTookOverWhenReleasing() {
        Lease a = lease("build-A", Clock.systemUTC(), Duration.ofMinutes(3));
        Lease.Held held = a.tryAcquire(new StringBuilder()).orElseThrow();
        s3.store()
                .put(CacheKeys.LEASE, "{\"owner\":\"build-B\",\"ttlMillis\":180000}".getBytes(StandardCharsets.UTF_8));
        s3.requests.clear();

        a.release(held);

        // the DELETE is sent, and S3 refuses it: If-Match names A's ETag, the object now has B's
        assertThat(s3.requests)
                .filteredOn(r -> r.method() == SdkHttpMethod.DELETE)
                .singleElement()
                .satisfies(r -> assertThat(r.firstMatchingHeader("If-Match")).contains(held.etag()));
        assertThat(leaseOwner()).isEqualTo("build-B");
    }

    @Test
    void shouldDeleteOnlyTheVersionItNames() {
        String first = s3.store().putIf(CacheKeys.LEASE, "{}".getBytes(StandardCharsets.UTF_8), null);
        String second = s3.store().putIf(CacheKeys.LEASE, "{\"x\":1}".getBytes(StandardCharsets.UTF_8), first);

        boolean stale = s3.store().deleteIf(CacheKeys.LEASE, first);
        boolean stillThere = s3.store().get(CacheKeys.LEASE) != null;
        boolean current = s3.store().deleteIf(CacheKeys.LEASE, second);

        assertThat(stale).isFalse();
        assertThat(stillThere).isTrue();
        assertThat(current).isTrue();
        assertThat(s3.store().get(CacheKeys.LEASE)).isNull();
    }
}
