package io.jenkins.plugins.scpuppet.mirror;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
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
 * The few S3 calls the mirror makes, each with ExpectedBucketOwner, and every write with server-side encryption.
 */
public final class S3Store {
    private final S3Client s3;
    private final CacheBucket bucket;

    public S3Store(S3Client s3, CacheBucket bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public CacheBucket bucket() {
        return bucket;
    }

    /** An object's bytes and ETag, or null if there is no such key. */
    public record Got(byte[] bytes, String etag) {}

    public Got get(String key) {
        try {
            ResponseBytes<GetObjectResponse> r = s3.getObjectAsBytes(
                    b -> b.bucket(bucket.name()).key(key).expectedBucketOwner(bucket.expectedOwner()));
            return new Got(r.asByteArray(), r.response().eTag());
        } catch (NoSuchKeyException e) {
            return null;
        }
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

    public void put(String key, byte[] bytes) {
        s3.putObject(encrypted(PutObjectRequest.builder().key(key)).build(), RequestBody.fromBytes(bytes));
    }

    /**
     * A conditional write: only if the key does not exist ({@code ifMatch} null) or still has that ETag. Returns the new
     * ETag, or null when the condition failed (someone else wrote first).
     */
    public String putIf(String key, byte[] bytes, String ifMatch) {
        PutObjectRequest.Builder b = encrypted(PutObjectRequest.builder().key(key));
        if (ifMatch == null) {
            b.ifNoneMatch("*");
        } else {
            b.ifMatch(ifMatch);
        }
        try {
            return s3.putObject(b.build(), RequestBody.fromBytes(bytes)).eTag();
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
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
