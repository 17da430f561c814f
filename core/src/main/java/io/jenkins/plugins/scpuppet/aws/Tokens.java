package io.jenkins.plugins.scpuppet.aws;

import io.jenkins.plugins.scpuppet.engine.Digests;
import java.nio.charset.StandardCharsets;

/**
 * Idempotency tokens derived from what a request means, so a retry after a crash re-sends the same token and AWS does
 * the work once.
 */
final class Tokens {
    private Tokens() {}

    static String of(String... parts) {
        return Digests.sha256Hex(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8))
                .substring(0, 40);
    }
}
