package io.jenkins.plugins.scpuppet.bootstrap;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;

/**
 * Empties a versioned bucket so CloudFormation can delete it: AWS refuses to delete a bucket while it holds any object
 * version or delete marker, and deleting a key alone only adds a marker. Each version is deleted by its id.
 */
final class BucketEmptier {
    /** DeleteObjects takes at most 1000 keys per request. */
    private static final int BATCH = 1000;

    private BucketEmptier() {}

    /** Whether the bucket holds any version or delete marker (false when there is no such bucket). */
    static boolean holdsObjects(S3Client s3, String bucket) {
        try {
            var page = s3.listObjectVersions(r -> r.bucket(bucket).maxKeys(1));
            return !page.versions().isEmpty() || !page.deleteMarkers().isEmpty();
        } catch (NoSuchBucketException gone) {
            return false;
        }
    }

    /** Deletes every version and delete marker; returns how many. Throws if S3 refuses any. */
    static long empty(S3Client s3, String bucket) {
        long deleted = 0;
        while (true) {
            List<ObjectIdentifier> batch = new ArrayList<>();
            try {
                var page = s3.listObjectVersions(r -> r.bucket(bucket).maxKeys(BATCH));
                page.versions()
                        .forEach(v -> batch.add(ObjectIdentifier.builder()
                                .key(v.key())
                                .versionId(v.versionId())
                                .build()));
                page.deleteMarkers()
                        .forEach(m -> batch.add(ObjectIdentifier.builder()
                                .key(m.key())
                                .versionId(m.versionId())
                                .build()));
            } catch (NoSuchBucketException gone) {
                return deleted;
            }
            if (batch.isEmpty()) {
                return deleted;
            }
            // Listing again from the start after each batch: what was deleted no longer shows.
            List<ObjectIdentifier> chunk = batch.subList(0, Math.min(BATCH, batch.size()));
            var result = s3.deleteObjects(
                    r -> r.bucket(bucket).delete(d -> d.objects(chunk).quiet(true)));
            if (!result.errors().isEmpty()) {
                S3Error e = result.errors().get(0);
                throw new IllegalStateException("S3 refused to delete " + e.key() + " version " + e.versionId()
                        + " in bucket " + bucket + ": " + e.code() + " " + e.message() + " (and "
                        + (result.errors().size() - 1) + " more)");
            }
            deleted += chunk.size();
        }
    }
}
