package io.jenkins.plugins.scpuppet.mirror;

import io.jenkins.plugins.scpuppet.engine.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The cache index with its MAC. The MAC is over a short message that binds a domain string, the bucket and the SHA-256
 * of the index bytes (an index can exceed KMS's 4 KB message limit), and travels as object metadata in the same PUT
 * as the body, so the two change together. A reader verifies with the configured key before it trusts anything.
 *
 * <p>Journal chunks ({@link SaveJournal}) carry no MAC, and need none: a chunk only lets a save skip uploading a file
 * whose SHA-256 the save itself computed from its local bytes, and the index it then signs lists that local digest. A
 * forged chunk can therefore only make a target missing (a restore drops bytes that do not match the signed digest),
 * never make a restore trust bytes a cache writer did not write.
 */
final class SignedIndex {
    static final String MAC_METADATA = "puppet-index-mac";
    static final String KEY_METADATA = "puppet-index-key";
    private static final String DOMAIN = "servicecatalog-puppet cache index v2";

    /** What a reader found: its state, and the index only when it is {@link State#VALID}. */
    enum State {
        ABSENT,
        UNSIGNED,
        BAD_MAC,
        VALID
    }

    record Reading(State state, CacheIndex index, S3Store.Got object, String problem) {
        boolean trusted() {
            return state == State.VALID;
        }
    }

    private final S3Store store;
    private final IndexSigner signer;

    SignedIndex(S3Store store, IndexSigner signer) {
        this.store = store;
        this.signer = signer;
    }

    IndexSigner signer() {
        return signer;
    }

    /** Reads and authenticates the index; parses it only once its MAC verified. */
    Reading read() throws IOException {
        S3Store.Got got = store.get(CacheKeys.INDEX);
        if (got == null) {
            return new Reading(State.ABSENT, null, null, "no cache index");
        }
        String mac = got.metadata().get(MAC_METADATA);
        if (mac == null) {
            return new Reading(
                    State.UNSIGNED,
                    null,
                    got,
                    "a cache index without a MAC (written by an older version, or not by" + " a save)");
        }
        byte[] macBytes;
        try {
            macBytes = Base64.getDecoder().decode(mac);
        } catch (IllegalArgumentException e) {
            return new Reading(State.BAD_MAC, null, got, "a cache index whose MAC is not base64");
        }
        if (macBytes.length == 0 || !signer.verify(message(got.bytes()), macBytes)) {
            String claimed = got.metadata().getOrDefault(KEY_METADATA, "(not named)");
            return new Reading(
                    State.BAD_MAC,
                    null,
                    got,
                    "a cache index whose MAC does not verify with the key " + signer.keyId()
                            + " (the object says it was signed with " + claimed + "): it was changed after it was"
                            + " signed, or signed with another key");
        }
        return new Reading(State.VALID, CacheIndex.fromJson(got.bytes()), got, null);
    }

    /** Publishes a signed index if the current one still has ETag {@code ifMatch} (null: if none); else null. */
    String publishIf(CacheIndex index, String ifMatch) {
        byte[] bytes = index.toJson();
        return store.putIf(CacheKeys.INDEX, bytes, ifMatch, metadata(bytes));
    }

    /** Publishes a signed index over whatever is there (a purge). */
    String publish(CacheIndex index) {
        byte[] bytes = index.toJson();
        return store.put(CacheKeys.INDEX, bytes, metadata(bytes));
    }

    private Map<String, String> metadata(byte[] bytes) {
        IndexSigner.Signed signed = signer.sign(message(bytes));
        return Map.of(MAC_METADATA, Base64.getEncoder().encodeToString(signed.mac()), KEY_METADATA, signed.keyArn());
    }

    /** The signed message: domain, bucket and the index's SHA-256, well under KMS's 4,096 bytes. */
    private byte[] message(byte[] indexBytes) {
        return (DOMAIN + "\n" + "s3://" + store.bucket().name() + "/" + CacheKeys.INDEX + "\nsha256:"
                        + Digests.sha256Hex(indexBytes))
                .getBytes(StandardCharsets.UTF_8);
    }
}
