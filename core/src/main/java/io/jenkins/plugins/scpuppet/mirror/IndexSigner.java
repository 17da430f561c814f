package io.jenkins.plugins.scpuppet.mirror;

/**
 * Makes and checks the MAC that authenticates the cache index, with a key that only the cache's writers may use. The
 * key is the one configured here, never one an object names.
 */
public interface IndexSigner {
    /** A MAC and the ARN of the key that made it (stored only to name it in messages). */
    record Signed(byte[] mac, String keyArn) {}

    Signed sign(byte[] message);

    /** Whether {@code mac} is this key's MAC of {@code message}; false for any other MAC. */
    boolean verify(byte[] message, byte[] mac);

    /** The configured key (id, ARN, alias name or alias ARN), for messages. */
    String keyId();
}
