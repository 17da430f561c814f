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
            kms = KmsClient.builder()
                    .endpointOverride(endpoint())
                    .region(Region.of(MirrorBenchmark.REGION))
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("AKIA" + MirrorBenchmark.ACCOUNT, "bench")))
                    .build();
        }
        return new KmsIndexSigner(kms, KmsIndexSigner.DEFAULT_KEY);
    }

    /** Stops the stand-in if it was started: its HTTP dispatcher is not a daemon and would keep the JVM alive. */
    static synchronized void stop() {
        if (kms != null) {
            kms.close();
            kms = null;
        }
        if (standIn != null) {
            standIn.close();
            standIn = null;
        }
    }
}
