package io.jenkins.plugins.scpuppet.bootstrap;

/**
 * Bootstrap settings.
 *
 * @param noncurrentVersionDays how long overwritten cache objects are kept (versioning is on)
 * @param kmsKeyId encrypt the bucket with this KMS key instead of SSE-S3; null for AES256
 * @param spokeVersion for execution: spoke, the servicecatalog-puppet version spokes run: creates the spoke-deploy
 *     bucket and the {@code service-catalog-puppet-version} parameter; null leaves both out
 */
public record BootstrapOptions(
        int noncurrentVersionDays, String kmsKeyId, boolean forwardEventsToEventBridge, String spokeVersion)
        implements java.io.Serializable { // it travels to the Jenkins agent inside puppetBootstrap's callable
    public static final BootstrapOptions DEFAULT = new BootstrapOptions(30, null, false, null);

    public BootstrapOptions(int noncurrentVersionDays, String kmsKeyId, boolean forwardEventsToEventBridge) {
        this(noncurrentVersionDays, kmsKeyId, forwardEventsToEventBridge, null);
    }

    public BootstrapOptions withSpokeVersion(String version) {
        return new BootstrapOptions(noncurrentVersionDays, kmsKeyId, forwardEventsToEventBridge, version);
    }
}
