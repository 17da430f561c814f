package io.jenkins.plugins.scpuppet.bootstrap;

import java.io.Serializable;
import java.util.List;

/**
 * Bootstrap settings.
 * puppetBootstrap's execution keeps it in program.dat, so its components are fixed: River reads a record with the
 * components of the class loaded now, and one added makes a program.dat written before unreadable
 * (ProgramDatFromEarlierVersionsTest in plugin-check). A setting added later goes on the step's execution.
 *
 * @param noncurrentVersionDays how long overwritten cache objects are kept (versioning is on)
 * @param kmsKeyId encrypt the bucket with this KMS key instead of SSE-S3; null for AES256
 * @param spokeVersion for execution: spoke, the servicecatalog-puppet version spokes run: creates the spoke-deploy
 *     bucket and the {@code service-catalog-puppet-version} parameter; null leaves both out
 * @param cacheWriters the principal ARNs (wildcards allowed) that may write under the caching bucket's {@code
 *     output/}; empty for {@link CacheWriterPolicy#DEFAULT_WRITERS}
 */
public record BootstrapOptions(
        int noncurrentVersionDays,
        String kmsKeyId,
        boolean forwardEventsToEventBridge,
        String spokeVersion,
        List<String> cacheWriters)
        implements Serializable { // it travels to the Jenkins agent inside puppetBootstrap's callable
    public static final BootstrapOptions DEFAULT = new BootstrapOptions(30, null, false, null);

    public BootstrapOptions {
        cacheWriters = List.copyOf(cacheWriters == null ? List.of() : cacheWriters);
    }

    public BootstrapOptions(int noncurrentVersionDays, String kmsKeyId, boolean forwardEventsToEventBridge) {
        this(noncurrentVersionDays, kmsKeyId, forwardEventsToEventBridge, null);
    }

    public BootstrapOptions(
            int noncurrentVersionDays, String kmsKeyId, boolean forwardEventsToEventBridge, String spokeVersion) {
        this(noncurrentVersionDays, kmsKeyId, forwardEventsToEventBridge, spokeVersion, List.of());
    }

    public BootstrapOptions withSpokeVersion(String version) {
        return new BootstrapOptions(noncurrentVersionDays, kmsKeyId, forwardEventsToEventBridge, version, cacheWriters);
    }

    public BootstrapOptions withCacheWriters(List<String> writers) {
        return new BootstrapOptions(noncurrentVersionDays, kmsKeyId, forwardEventsToEventBridge, spokeVersion, writers);
    }
}
