package io.jenkins.plugins.scpuppet.mirror;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The few S3 calls the mirror makes, each with ExpectedBucketOwner, and every write with server-side encryption. Objects
 * have size caps: one larger than its cap is neither written nor read (a read stops at the cap), so a planted or
 * corrupted object cannot exhaust the agent's memory.
 */
public final class S3Store {
    /**
     * A cache target: task outputs are JSON of a few hundred bytes to a few KB, so 16 MiB is far above any real one and
     * still bounded next to an agent's heap, even with the mirror's 64 transfers at once (1 GiB at the very worst).
     */
    public static final long TARGET_CAP = 16L << 20;

    /**
     * The index, graph and lease (keys under {@link CacheKeys#META}): the index holds about 300 bytes per target, so
     * 64 MiB is over 200,000 targets, 20 times the large manifest's 8,204; parsed, it already takes several times that
     * in heap, which is why it is not larger.
     */
    public static final long META_CAP = 64L << 20;

    private final S3Client s3;
    private final CacheBucket bucket;
    private final long targetCap;
    private final long metaCap;

    public S3Store(S3Client s3, CacheBucket bucket) {
        this(s3, bucket, TARGET_CAP, META_CAP);
    }

    S3Store(S3Client s3, CacheBucket bucket, long targetCap, long metaCap) {
        this.s3 = s3;
        this.bucket = bucket;
        this.targetCap = targetCap;
        this.metaCap = metaCap;
    }

    /** An object over its size cap, refused before it is written or read further. */
    public static final class TooLargeException extends IllegalStateException {
        TooLargeException(String message) {
            super(message);
        }
    }

    private long capOf(String key) {
        return key.startsWith(CacheKeys.META) ? metaCap : targetCap;
    }

    private TooLargeException tooLarge(String key, String size) {
        return tooLarge(key, size, capOf(key));
    }

    private TooLargeException tooLarge(String key, String size, long cap) {
        if (cap < capOf(key)) {
            return new TooLargeException("s3://" + bucket.name() + "/" + key + " is " + size + ", more than the " + cap
                    + " bytes the cache index lists for it; refused");
        }
        return new TooLargeException("s3://" + bucket.name() + "/" + key + " is " + size + ", over the cap of " + cap
                + " bytes (" + (cap >> 20) + " MiB) for " + (cap == metaCap ? "the cache's index" : "a cache target")
                + "; refused");
    }

    public CacheBucket bucket() {
        return bucket;
    }

    /** An object's bytes, ETag and user metadata (x-amz-meta-*, names in lower case without the prefix). */
    public record Got(byte[] bytes, String etag, Map<String, String> metadata) {
        public Got(byte[] bytes, String etag) {
            this(bytes, etag, Map.of());
        }
    }

    /**
     * An object with S3's times: its Last-Modified and the Date of the same response (S3's clock when it answered), so
     * an age is measured on one clock, never against the agent's.
     */
    public record Stamped(
            byte[] bytes, String etag, Instant lastModified, Instant serverNow, Map<String, String> metadata) {}

    /** Reads at most the key's cap: a declared length over it is refused unread, a longer stream when it passes it. */
    public Got get(String key) {
        return get(key, capOf(key));
    }

    /**
     * Reads at most {@code cap} bytes (and never more than the key's cap): a restore passes the size the signed index
     * gives, so an object swapped for a larger one is refused before it is held in memory.
     */
    public Got get(String key, long cap) {
        Stamped s = getStamped(key, Math.min(cap, capOf(key)), false);
        return s == null ? null : new Got(s.bytes(), s.etag(), s.metadata());
    }

    /** Like {@link #get}, with S3's Last-Modified and Date; null if there is no such key. */
    public Stamped getStamped(String key) {
        return getStamped(key, capOf(key), true);
    }

    /**
     * Reads the object; S3's Date only when {@code dated} (else null): only the lease's age needs it, and java.time's
     * RFC 1123 parsing was about 3% of a fresh JVM's client CPU in a restore of 10,000 targets (JFR, 2026-12-04).
     */
    private Stamped getStamped(String key, long cap, boolean dated) {
        try (ResponseInputStream<GetObjectResponse> in =
                s3.getObject(b -> b.bucket(bucket.name()).key(key).expectedBucketOwner(bucket.expectedOwner()))) {
            Long declared = in.response().contentLength();
            if (declared != null && declared > cap) {
                in.abort(); // closing would drain the rest of the body first
                throw tooLarge(key, declared + " bytes", cap);
            }
            byte[] bytes = in.readNBytes((int) cap + 1);
            if (bytes.length > cap) {
                in.abort();
                throw tooLarge(key, "more than " + cap + " bytes", cap);
            }
            GetObjectResponse r = in.response();
            return new Stamped(
                    bytes,
                    r.eTag(),
                    r.lastModified(),
                    dated ? serverDate(r.sdkHttpResponse()) : null,
                    Map.copyOf(r.metadata()));
        } catch (NoSuchKeyException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("reading s3://" + bucket.name() + "/" + key, e);
        }
    }

    /** The response's Date header: S3's clock. Every S3 response carries one (RFC 7231 makes it mandatory). */
    private static Instant serverDate(SdkHttpResponse http) {
        String date = http.firstMatchingHeader("Date")
                .orElseThrow(() -> new IllegalStateException("S3 sent no Date header; cannot judge the lease's age"));
        return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    }

    /** An object's ETag from a HEAD request, or null if there is no such key. */
    public String etag(String key) {
        try {
            return s3.headObject(b -> b.bucket(bucket.name()).key(key).expectedBucketOwner(bucket.expectedOwner()))
                    .eTag();
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    private void checkCap(String key, byte[] bytes) {
        if (bytes.length > capOf(key)) {
            throw tooLarge(key, bytes.length + " bytes");
        }
    }

    public void put(String key, byte[] bytes) {
        checkCap(key, bytes);
        s3.putObject(encrypted(PutObjectRequest.builder().key(key)).build(), RequestBody.fromBytes(bytes));
    }

    /**
     * A conditional write: only if the key does not exist ({@code ifMatch} null) or still has that ETag. Returns the new
     * ETag, or null when the condition failed (someone else wrote first).
     */
    public String putIf(String key, byte[] bytes, String ifMatch) {
        return putIf(key, bytes, ifMatch, Map.of());
    }

    /**
     * {@link #putIf} with user metadata, written in the same request as the body, so the two change together.
     */
    public String putIf(String key, byte[] bytes, String ifMatch, Map<String, String> metadata) {
        return write(key, bytes, ifMatch, metadata, false);
    }

    /** An unconditional write with user metadata in the same request. */
    public String put(String key, byte[] bytes, Map<String, String> metadata) {
        return write(key, bytes, null, metadata, true);
    }

    private String write(String key, byte[] bytes, String ifMatch, Map<String, String> metadata, boolean always) {
        checkCap(key, bytes);
        PutObjectRequest.Builder b = encrypted(PutObjectRequest.builder().key(key));
        if (!metadata.isEmpty()) {
            b.metadata(metadata);
        }
        if (always) {
            return s3.putObject(b.build(), RequestBody.fromBytes(bytes)).eTag();
        }
        if (ifMatch == null) {
            b.ifNoneMatch("*");
        } else {
            b.ifMatch(ifMatch);
        }
        try {
            return s3.putObject(b.build(), RequestBody.fromBytes(bytes)).eTag();
        } catch (S3Exception e) {
            // 412: the condition failed; 409: a concurrent conditional write won; 404 on If-Match: the object it names
            // is gone (S3 answers NoSuchKey there), which fails the condition too.
            if (e.statusCode() == 412 || e.statusCode() == 409 || (ifMatch != null && e.statusCode() == 404)) {
                return null;
            }
            throw e;
        }
    }

    private PutObjectRequest.Builder encrypted(PutObjectRequest.Builder b) {
        b.bucket(bucket.name()).expectedBucketOwner(bucket.expectedOwner());
        if (bucket.kmsKeyId() == null) {
            b.serverSideEncryption(ServerSideEncryption.AES256);
        } else {
            b.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(bucket.kmsKeyId());
        }
        return b;
    }

    public List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        listPages(prefix, keys::addAll);
        return keys;
    }

    /** Lists keys a page (up to 1,000) at a time, handing each page over as soon as it arrives. */
    public void listPages(String prefix, Consumer<List<String>> page) {
        s3.listObjectsV2Paginator(
                        b -> b.bucket(bucket.name()).prefix(prefix).expectedBucketOwner(bucket.expectedOwner()))
                .forEach(r ->
                        page.accept(r.contents().stream().map(S3Object::key).toList()));
    }

    /**
     * A conditional delete (If-Match): removes the key only while it still has that ETag. Returns false when it changed
     * (412) or is already gone.
     */
    public boolean deleteIf(String key, String ifMatch) {
        try {
            s3.deleteObject(
                    b -> b.bucket(bucket.name()).key(key).ifMatch(ifMatch).expectedBucketOwner(bucket.expectedOwner()));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 404 || e.statusCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket.name()).key(key).expectedBucketOwner(bucket.expectedOwner()));
    }

    /** Deletes up to 1,000 keys in one request; returns the keys S3 reported as not deleted. */
    public List<String> deleteBatch(List<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        var response = s3.deleteObjects(b -> b.bucket(bucket.name())
                .expectedBucketOwner(bucket.expectedOwner())
                .delete(Delete.builder()
                        .quiet(true)
                        .objects(keys.stream()
                                .map(k -> ObjectIdentifier.builder().key(k).build())
                                .toList())
                        .build()));
        return response.errors().stream()
                .map(e -> e.key() + " (" + e.code() + ")")
                .toList();
    }
}
