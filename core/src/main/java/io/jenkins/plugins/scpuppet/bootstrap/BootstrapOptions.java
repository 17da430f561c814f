package io.jenkins.plugins.scpuppet.bootstrap;

/**
 * Bootstrap settings.
 *
 * @param noncurrentVersionDays how long overwritten cache objects are kept (versioning is on)
 * @param kmsKeyId encrypt the bucket with this KMS key instead of SSE-S3; null for AES256
 */
public record BootstrapOptions(int noncurrentVersionDays, String kmsKeyId, boolean forwardEventsToEventBridge) {
    public static final BootstrapOptions DEFAULT = new BootstrapOptions(30, null, false);
}
