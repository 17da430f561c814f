package io.jenkins.plugins.scpuppet.bench;

import io.jenkins.plugins.scpuppet.bootstrap.CacheIndexKey;
import io.jenkins.plugins.scpuppet.mirror.IndexSigner;
import io.jenkins.plugins.scpuppet.mirror.KmsIndexSigner;
import io.jenkins.plugins.scpuppet.standin.AwsStandIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The KMS that signs the benchmark's cache index: the AWS stand-in in this process, with the cache-index key as
 * bootstrap makes it. Not behind the latency proxy: a save or restore makes one KMS call (two for a first save).
 */
final class BenchKms {
    private static AwsStandIn standIn;
    private static KmsClient kms;

    private BenchKms() {}

    /** Where the stand-in listens (for the CLI's --endpoint-url); started on first use, stopped with the JVM. */
    static synchronized URI endpoint() {
        if (standIn == null) {
            try {
                standIn = AwsStandIn.start(MirrorBenchmark.ACCOUNT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String key = standIn.kms()
                    .createKey(
                            MirrorBenchmark.ACCOUNT,
                            MirrorBenchmark.REGION,
                            "HMAC_256",
                            CacheIndexKey.plainPolicy(MirrorBenchmark.ACCOUNT, CacheIndexKey.DEFAULT_WRITERS));
            standIn.kms().createAlias(MirrorBenchmark.ACCOUNT, MirrorBenchmark.REGION, KmsIndexSigner.DEFAULT_KEY, key);
        }
        return standIn.endpoint();
    }

    static synchronized IndexSigner signer() {
        if (kms == null) {
            try (KmsClient probe = client()) {
                probe.describeKey(k -> k.keyId(KmsIndexSigner.DEFAULT_KEY)); // see the comment on stop()
            }
            kms = client();
        }
        return new KmsIndexSigner(kms, KmsIndexSigner.DEFAULT_KEY);
    }

    private static KmsClient client() {
        return KmsClient.builder()
                .endpointOverride(endpoint())
                .region(Region.of(MirrorBenchmark.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIA" + MirrorBenchmark.ACCOUNT, "bench")))
                .build();
    }

    /**
     * Stops the stand-in if it was started (its HTTP dispatcher is not a daemon and would keep the JVM alive), even when
     * closing the client fails; the first failure is thrown, the other suppressed.
     *
     * <p>Closing a client that has made calls loads classes nothing loaded before (Apache's connection manager's
     * shutdown): loaded at the end of a run of many minutes, they come from benchmarks.jar as it is then, and a build
     * that rewrote the jar meanwhile made this close throw {@code NoClassDefFoundError:
     * PoolingHttpClientConnectionManager$2} (2026-12-04), which hid the benchmark's own error. So {@link #signer}
     * first makes a call with a throwaway client and closes it, which loads them while the jar is the one started.
     */
    static synchronized void stop() throws Exception {
        KmsClient client = kms;
        AwsStandIn server = standIn;
        kms = null;
        standIn = null;
        Cleanup.all(
                () -> {
                    if (client != null) {
                        client.close();
                    }
                },
                () -> {
                    if (server != null) {
                        server.close();
                    }
                });
    }
}
