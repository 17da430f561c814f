package io.jenkins.plugins.scpuppet.cli;

import io.jenkins.plugins.scpuppet.mirror.KmsIndexSigner;
import picocli.CommandLine.Option;

/** The KMS key that signs and verifies the cache index; the same option wherever a command reads or writes it. */
final class CacheIndexOptions {
    @Option(
            names = "--cache-index-key",
            defaultValue = KmsIndexSigner.DEFAULT_KEY,
            paramLabel = "KEY",
            description = "The KMS HMAC key (id, ARN, alias or alias ARN) that signs and verifies the cache index, in"
                    + " the hub account and home region (default: ${DEFAULT-VALUE}, made by bootstrap).")
    String key = KmsIndexSigner.DEFAULT_KEY;
}
