package io.jenkins.plugins.scpuppet.mirror;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsInvalidMacException;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;

/**
 * The index MAC from KMS: GenerateMac and VerifyMac with HMAC-SHA-256 on an HMAC_256 key, so the secret never leaves
 * KMS and the key policy decides who may sign (the cache writers) and who may check.
 */
public final class KmsIndexSigner implements IndexSigner {
    /** The alias bootstrap creates in the hub account and home region. */
    public static final String DEFAULT_KEY = "alias/servicecatalog-puppet/cache-index";

    private final KmsClient kms;
    private final String keyId;

    public KmsIndexSigner(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId == null || keyId.isBlank() ? DEFAULT_KEY : keyId;
    }

    @Override
    public Signed sign(byte[] message) {
        var r = kms.generateMac(b ->
                b.keyId(keyId).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256).message(SdkBytes.fromByteArray(message)));
        return new Signed(r.mac().asByteArray(), r.keyId());
    }

    @Override
    public boolean verify(byte[] message, byte[] mac) {
        try {
            return kms.verifyMac(b -> b.keyId(keyId)
                            .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)
                            .message(SdkBytes.fromByteArray(message))
                            .mac(SdkBytes.fromByteArray(mac)))
                    .macValid();
        } catch (KmsInvalidMacException wrong) {
            return false; // KMS's answer to a MAC that does not verify (it never answers MacValid false)
        }
    }

    @Override
    public String keyId() {
        return keyId;
    }
}
