package io.jenkins.plugins.scpuppet.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * KMS HMAC keys in awsJson1_1 ({@code TrentService}), per account and region: CreateKey, CreateAlias, DescribeKey,
 * GenerateMac and VerifyMac, with real HMAC (javax.crypto) over a random secret per key that no operation returns.
 * Every call on a key is judged by the key's policy ({@link RequestAuthorizer#kms}). As KMS: VerifyMac with a MAC that
 * does not match fails with KMSInvalidMacException (it never answers MacValid false); a MacAlgorithm the key spec does
 * not support is InvalidKeyUsageException; a Message outside 1..4096 bytes is a ValidationException. Key ids, key
 * ARNs, alias names and alias ARNs all name a key. Only HMAC keys are served (all this project uses).
 */
public final class KmsService implements JsonService {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Key spec to its one MAC algorithm and secret length (KMS Developer Guide, "HMAC keys in AWS KMS"). */
    private static final Map<String, String> ALGORITHM = Map.of(
            "HMAC_224",
            "HMAC_SHA_224",
            "HMAC_256",
            "HMAC_SHA_256",
            "HMAC_384",
            "HMAC_SHA_384",
            "HMAC_512",
            "HMAC_SHA_512");

    private record Key(
            String account,
            String region,
            String id,
            String arn,
            String spec,
            String description,
            PolicyDocument policy,
            byte[] secret,
            Instant created) {}

    /** Decides whether a caller may perform a kms: action on a key; throws AccessDeniedException if not. */
    interface KeyAuthorizer {
        void authorize(Caller caller, String action, String keyArn, PolicyDocument keyPolicy);
    }

    private final Map<String, Key> keys = new LinkedHashMap<>(); // by key ARN
    private final Map<String, String> aliases = new LinkedHashMap<>(); // alias ARN to key ARN
    private final KeyAuthorizer authorizer;

    KmsService(KeyAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    public String targetPrefix() {
        return "TrentService";
    }

    /** Seeds an HMAC key with this key policy, as CreateKey would; returns its ARN. */
    public synchronized String createKey(String account, String region, String keySpec, String policy) {
        return create(account, region, keySpec, "GENERATE_VERIFY_MAC", "", parsePolicy(policy))
                .arn();
    }

    /** Seeds an alias ({@code alias/...}) of a key (its id or ARN), as CreateAlias would. */
    public synchronized void createAlias(String account, String region, String aliasName, String keyId) {
        alias(account, region, aliasName, resolveKeyIdOrArn(account, region, keyId));
    }

    /** The ARN of the key an alias names, or null if the account and region have no such alias. */
    public synchronized String aliasTarget(String account, String region, String aliasName) {
        return aliases.get("arn:aws:kms:" + region + ":" + account + ":" + aliasName);
    }

    @Override
    public synchronized JsonNode handle(Caller c, String op, JsonNode in) {
        ObjectNode out = AwsStandIn.JSON.createObjectNode();
        switch (op) {
            case "CreateKey" -> {
                PolicyDocument policy = in.hasNonNull("Policy")
                        ? parsePolicy(in.path("Policy").asText())
                        : defaultPolicy(c.accountId());
                Key key = create(
                        c.accountId(),
                        c.region(),
                        in.path("KeySpec").asText("SYMMETRIC_DEFAULT"),
                        in.path("KeyUsage").asText("ENCRYPT_DECRYPT"),
                        in.path("Description").asText(""),
                        policy);
                if (!in.path("BypassPolicyLockoutSafetyCheck").asBoolean(false)) {
                    lockoutCheck(c, key);
                }
                metadata(out.putObject("KeyMetadata"), key);
            }
            case "CreateAlias" -> {
                Key key = resolveKeyIdOrArn(
                        c.accountId(), c.region(), in.path("TargetKeyId").asText(""));
                authorizer.authorize(c, "kms:CreateAlias", key.arn(), key.policy());
                alias(c.accountId(), c.region(), in.path("AliasName").asText(""), key);
            }
            case "DescribeKey" -> {
                Key key = resolve(c, in.path("KeyId").asText(""));
                authorizer.authorize(c, "kms:DescribeKey", key.arn(), key.policy());
                metadata(out.putObject("KeyMetadata"), key);
            }
            case "GenerateMac" -> {
                Key key = macKey(c, in, "kms:GenerateMac");
                out.put("KeyId", key.arn())
                        .put("Mac", Base64.getEncoder().encodeToString(mac(key, message(in))))
                        .put("MacAlgorithm", ALGORITHM.get(key.spec()));
            }
            case "VerifyMac" -> {
                Key key = macKey(c, in, "kms:VerifyMac");
                byte[] message = message(in);
                byte[] given = blob(in, "Mac", "mac", 6144);
                if (!MessageDigest.isEqual(mac(key, message), given)) {
                    throw new AwsError(
                            "KMSInvalidMacException", "The MAC is not valid for this message, key and algorithm");
                }
                out.put("KeyId", key.arn()).put("MacValid", true).put("MacAlgorithm", ALGORITHM.get(key.spec()));
            }
            default -> throw new AwsError("UnknownOperationException", "KMS " + op + " is not implemented");
        }
        return out;
    }

    /** The key of a MAC call, after its policy allowed the action and the algorithm fits its spec. */
    private Key macKey(Caller c, JsonNode in, String action) {
        String algorithm = in.path("MacAlgorithm").asText("");
        if (!ALGORITHM.containsValue(algorithm)) {
            throw new AwsError(
                    "ValidationException",
                    "1 validation error detected: Value '" + algorithm + "' at 'macAlgorithm' failed to satisfy"
                            + " constraint: Member must satisfy enum value set: [HMAC_SHA_384, HMAC_SHA_256,"
                            + " HMAC_SHA_224, HMAC_SHA_512]");
        }
        Key key = resolve(c, in.path("KeyId").asText(""));
        authorizer.authorize(c, action, key.arn(), key.policy());
        if (!algorithm.equals(ALGORITHM.get(key.spec()))) {
            throw new AwsError(
                    "InvalidKeyUsageException",
                    "The key " + key.arn() + " with key spec " + key.spec() + " does not support " + algorithm);
        }
        return key;
    }

    private static byte[] message(JsonNode in) {
        return blob(in, "Message", "message", 4096);
    }

    /** A base64 blob member of 1..max bytes, as KMS constrains Message (4096) and Mac (6144). */
    private static byte[] blob(JsonNode in, String member, String wireName, int max) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(in.path(member).asText(""));
        } catch (IllegalArgumentException e) {
            throw new AwsError("SerializationException", member + " is not base64");
        }
        if (bytes.length < 1 || bytes.length > max) {
            throw new AwsError(
                    "ValidationException",
                    "1 validation error detected: Value at '" + wireName + "' failed to satisfy constraint: Member"
                            + " must have length "
                            + (bytes.length < 1 ? "greater than or equal to 1" : "less than" + " or equal to " + max));
        }
        return bytes;
    }

    private static byte[] mac(Key key, byte[] message) {
        String jca =
                "Hmac" + ALGORITHM.get(key.spec()).substring("HMAC_".length()).replace("_", "");
        try {
            Mac mac = Mac.getInstance(jca);
            mac.init(new SecretKeySpec(key.secret(), jca));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Key create(
            String account, String region, String spec, String usage, String description, PolicyDocument policy) {
        if (!ALGORITHM.containsKey(spec)) {
            throw new AwsError(
                    "UnsupportedOperationException",
                    "the stand-in serves HMAC keys only (HMAC_224/256/384/512), not " + spec);
        }
        if (!usage.equals("GENERATE_VERIFY_MAC")) {
            throw new AwsError(
                    "ValidationException",
                    "KeyUsage " + usage + " is not compatible with KeySpec " + spec + "; HMAC keys take"
                            + " GENERATE_VERIFY_MAC");
        }
        String id = UUID.randomUUID().toString();
        byte[] secret = new byte[Integer.parseInt(spec.substring("HMAC_".length())) / 8];
        RANDOM.nextBytes(secret);
        Key key = new Key(
                account,
                region,
                id,
                "arn:aws:kms:" + region + ":" + account + ":key/" + id,
                spec,
                description,
                policy,
                secret,
                Instant.now());
        keys.put(key.arn(), key);
        return key;
    }

    /**
     * KMS refuses a key policy that would not let the creator change it again ("The new key policy will not allow you
     * to update the key policy in the future"), unless told to bypass the check.
     */
    private void lockoutCheck(Caller c, Key key) {
        try {
            authorizer.authorize(c, "kms:PutKeyPolicy", key.arn(), key.policy());
        } catch (AwsError denied) {
            keys.remove(key.arn());
            throw new AwsError(
                    "MalformedPolicyDocumentException",
                    "The new key policy will not allow you to update the key policy in the future.");
        }
    }

    private void alias(String account, String region, String name, Key key) {
        if (!name.matches("alias/[a-zA-Z0-9/_-]{1,250}") || name.startsWith("alias/aws/")) {
            throw new AwsError(
                    "ValidationException",
                    "Alias must start with the prefix \"alias/\", may not start with \"alias/aws/\", and takes"
                            + " [a-zA-Z0-9/_-]: " + name);
        }
        if (!key.account().equals(account) || !key.region().equals(region)) {
            throw notFound("Key '" + key.arn() + "'");
        }
        String arn = "arn:aws:kms:" + region + ":" + account + ":" + name;
        if (aliases.containsKey(arn)) {
            throw new AwsError("AlreadyExistsException", "An alias with the name " + arn + " already exists");
        }
        aliases.put(arn, key.arn());
    }

    /** A key id, key ARN, alias name or alias ARN; ARNs may name another account (its key policy then decides). */
    private Key resolve(Caller c, String keyId) {
        if (keyId.startsWith("alias/")) {
            keyId = "arn:aws:kms:" + c.region() + ":" + c.accountId() + ":" + keyId;
        }
        if (keyId.matches("arn:aws:kms:[^:]+:\\d{12}:alias/.+")) {
            String target = aliases.get(keyId);
            if (target == null) {
                throw notFound("Alias " + keyId);
            }
            return keys.get(target);
        }
        return resolveKeyIdOrArn(c.accountId(), c.region(), keyId);
    }

    private Key resolveKeyIdOrArn(String account, String region, String keyId) {
        String arn = keyId.startsWith("arn:") ? keyId : "arn:aws:kms:" + region + ":" + account + ":key/" + keyId;
        Key key = keys.get(arn);
        if (key == null) {
            throw notFound("Key '" + arn + "'");
        }
        return key;
    }

    private static AwsError notFound(String what) {
        return new AwsError("NotFoundException", what + " does not exist");
    }

    private static PolicyDocument parsePolicy(String text) {
        try {
            return PolicyDocument.parse(text, PolicyDocument.Kind.KEY);
        } catch (AwsError malformed) {
            throw new AwsError("MalformedPolicyDocumentException", malformed.getMessage());
        }
    }

    /** The default key policy: the account gets kms:* and delegates to IAM (KMS Developer Guide). */
    private static PolicyDocument defaultPolicy(String account) {
        return parsePolicy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Enable IAM User Permissions\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + account + ":root\"},"
                + "\"Action\":\"kms:*\",\"Resource\":\"*\"}]}");
    }

    private static void metadata(ObjectNode m, Key key) {
        m.put("AWSAccountId", key.account())
                .put("KeyId", key.id())
                .put("Arn", key.arn())
                .put("CreationDate", key.created().getEpochSecond())
                .put("Enabled", true)
                .put("Description", key.description())
                .put("KeyUsage", "GENERATE_VERIFY_MAC")
                .put("KeyState", "Enabled")
                .put("Origin", "AWS_KMS")
                .put("KeyManager", "CUSTOMER")
                .put("CustomerMasterKeySpec", key.spec())
                .put("KeySpec", key.spec())
                .put("MultiRegion", false);
        m.putArray("MacAlgorithms").add(ALGORITHM.get(key.spec()));
    }
}
