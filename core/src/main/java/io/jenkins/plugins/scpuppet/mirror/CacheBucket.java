package io.jenkins.plugins.scpuppet.mirror;

/**
 * Where the cache is mirrored: upstream's bucket name, the expected owner (sent on every call, since the name is
 * predictable) and the server-side encryption to request.
 *
 * @param kmsKeyId null for SSE-S3 (AES256), else SSE-KMS with this key
 */
public record CacheBucket(String name, String expectedOwner, String kmsKeyId) {

    /** {@code sc-puppet-caching-bucket-<puppet account id>-<region>}, as upstream's bootstrap names it. */
    public static CacheBucket of(String puppetAccountId, String region) {
        return new CacheBucket("sc-puppet-caching-bucket-" + puppetAccountId + "-" + region, puppetAccountId, null);
    }

    public CacheBucket withKmsKey(String keyId) {
        return new CacheBucket(name, expectedOwner, keyId);
    }
}
