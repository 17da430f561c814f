package io.jenkins.plugins.scpuppet.standin;

import static io.jenkins.plugins.scpuppet.standin.Wire.params;
import static io.jenkins.plugins.scpuppet.standin.Wire.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidMacException;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/** KMS HMAC keys through the SDK's own KMS client: the MACs, KMS's validation, and key policies judged per caller. */
class KmsServiceTest {
    static final String HUB = "111111111111";
    static final String OTHER = "222222222222";
    static final String REGION = "eu-west-1";
    static final String WRITER_KEY = "AKIAWRITER" + HUB;
    static final String READER_KEY = "AKIAREADER" + HUB;

    /** As bootstrap writes it: the account administers the key, only servicecatalog-puppet roles make MACs. */
    static final String POLICY = """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "Administer", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%1$s:root"},
               "Action": ["kms:Describe*", "kms:PutKeyPolicy", "kms:CreateAlias"], "Resource": "*"},
              {"Sid": "Writers", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%1$s:root"},
               "Action": ["kms:GenerateMac", "kms:VerifyMac"], "Resource": "*",
               "Condition": {"ArnLike": {"aws:PrincipalArn": ["arn:aws:iam::%1$s:role/servicecatalog-puppet/*"]}}}]}
            """.formatted(HUB);

    AwsStandIn standIn;
    KmsClient writer;
    String keyArn;

    @BeforeEach
    void start() throws Exception {
        standIn = AwsStandIn.start(HUB);
        standIn.iam().callerPrincipal(WRITER_KEY, "arn:aws:iam::" + HUB + ":role/servicecatalog-puppet/hub");
        standIn.iam().callerPrincipal(READER_KEY, "arn:aws:iam::" + HUB + ":role/deployers/other");
        writer = kms(AwsBasicCredentials.create(WRITER_KEY, "x"), REGION);
        keyArn = standIn.kms().createKey(HUB, REGION, "HMAC_256", POLICY);
        standIn.kms().createAlias(HUB, REGION, "alias/servicecatalog-puppet/cache-index", keyArn);
    }

    @AfterEach
    void stop() {
        writer.close();
        standIn.close();
    }

    /** KMS has no modelled AccessDeniedException: the SDK throws its base exception with that error code. */
    static void accessDenied(Throwable e) {
        assertThat(e).isInstanceOf(KmsException.class);
        assertThat(((KmsException) e).awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
    }

    KmsClient kms(AwsCredentials credentials, String region) {
        return KmsClient.builder()
                .endpointOverride(standIn.endpoint())
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .build();
    }

    byte[] mac(KmsClient client, String keyId, String message) {
        return client.generateMac(b -> b.keyId(keyId)
                        .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)
                        .message(SdkBytes.fromString(message, StandardCharsets.UTF_8)))
                .mac()
                .asByteArray();
    }

    void verify(KmsClient client, String keyId, String message, byte[] mac) {
        var r = client.verifyMac(b -> b.keyId(keyId)
                .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)
                .message(SdkBytes.fromString(message, StandardCharsets.UTF_8))
                .mac(SdkBytes.fromByteArray(mac)));
        assertThat(r.macValid()).isTrue();
        assertThat(r.keyId()).isEqualTo(keyArn);
    }

    @Test
    void shouldMakeOneHmacSha256PerMessageWhicheverWayTheKeyIsNamed() throws Exception {
        String id = keyArn.substring(keyArn.lastIndexOf('/') + 1);
        String aliasArn = "arn:aws:kms:" + REGION + ":" + HUB + ":alias/servicecatalog-puppet/cache-index";
        List<String> names = List.of(id, keyArn, "alias/servicecatalog-puppet/cache-index", aliasArn);

        byte[] first = mac(writer, keyArn, "index v1");
        for (String name : names) {
            assertThat(mac(writer, name, "index v1")).as(name).isEqualTo(first);
            verify(writer, name, "index v1", first);
        }
        assertThat(first).hasSize(32);
        assertThat(mac(writer, keyArn, "index v2")).isNotEqualTo(first);
        // Not a plain digest: a key-less HMAC-SHA-256 of the message is something else.
        Mac keyless = Mac.getInstance("HmacSHA256");
        keyless.init(new javax.crypto.spec.SecretKeySpec(new byte[32], "HmacSHA256"));
        assertThat(keyless.doFinal("index v1".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(first);
    }

    @Test
    void shouldFailVerifyMacOnAWrongMacAndOnAnotherKeysMac() {
        byte[] good = mac(writer, keyArn, "index");
        byte[] flipped = good.clone();
        flipped[0] ^= 1;
        String other = standIn.kms().createKey(HUB, REGION, "HMAC_256", POLICY);
        byte[] otherKeys = mac(writer, other, "index");

        assertThat(otherKeys).isNotEqualTo(good);
        assertThatThrownBy(() -> verify(writer, keyArn, "index", flipped)).isInstanceOf(KmsInvalidMacException.class);
        assertThatThrownBy(() -> verify(writer, keyArn, "index", otherKeys)).isInstanceOf(KmsInvalidMacException.class);
        assertThatThrownBy(() -> verify(writer, keyArn, "index!", good)).isInstanceOf(KmsInvalidMacException.class);
    }

    @Test
    void shouldValidateMessageLengthAlgorithmAndKeyAsKmsDoes() {
        assertThatThrownBy(() -> mac(writer, keyArn, "x".repeat(4097)))
                .isInstanceOfSatisfying(
                        KmsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThat(mac(writer, keyArn, "x".repeat(4096))).hasSize(32);
        assertThatThrownBy(() -> mac(writer, keyArn, ""))
                .isInstanceOfSatisfying(
                        KmsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> writer.generateMac(b -> b.keyId(keyArn)
                        .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_512)
                        .message(SdkBytes.fromUtf8String("m"))))
                .isInstanceOf(InvalidKeyUsageException.class);
        assertThatThrownBy(() -> mac(writer, "alias/servicecatalog-puppet/nope", "m"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> mac(writer, keyArn.replaceAll("key/.*", "key/" + java.util.UUID.randomUUID()), "m"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void shouldKeepKeysPerAccountAndRegion() {
        String id = keyArn.substring(keyArn.lastIndexOf('/') + 1);
        try (KmsClient otherRegion = kms(AwsBasicCredentials.create(WRITER_KEY, "x"), "us-east-1");
                KmsClient otherAccount = kms(AwsBasicCredentials.create("AKIAWRITER" + OTHER, "x"), REGION)) {
            assertThatThrownBy(() -> mac(otherRegion, id, "m")).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> mac(otherRegion, "alias/servicecatalog-puppet/cache-index", "m"))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> mac(otherAccount, id, "m")).isInstanceOf(NotFoundException.class);
            // By ARN the key is found, and its policy (the hub's account only) refuses the other account.
            assertThatThrownBy(() -> mac(otherAccount, keyArn, "m")).satisfies(KmsServiceTest::accessDenied);
        }
    }

    @Test
    void shouldLetOnlyThePrincipalsTheKeyPolicyNamesMakeOrCheckMacs() {
        byte[] good = mac(writer, keyArn, "index");
        try (KmsClient reader = kms(AwsBasicCredentials.create(READER_KEY, "x"), REGION)) {
            assertThatThrownBy(() -> mac(reader, keyArn, "index"))
                    .satisfies(KmsServiceTest::accessDenied)
                    .hasMessageContaining("kms:GenerateMac")
                    .hasMessageContaining("because no resource-based policy allows the kms:GenerateMac action");
            assertThatThrownBy(() -> verify(reader, keyArn, "index", good)).satisfies(KmsServiceTest::accessDenied);
            // The account's administration reaches it: DescribeKey is in the Administer statement.
            assertThat(reader.describeKey(b -> b.keyId("alias/servicecatalog-puppet/cache-index"))
                            .keyMetadata()
                            .keySpec())
                    .isEqualTo(KeySpec.HMAC_256);
        }
    }

    @Test
    void shouldDelegateToTheRolesOwnPoliciesWhenTheKeyPolicyNamesTheAccount() throws Exception {
        String trust = "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\","
                + " \"Principal\": {\"AWS\": \"arn:aws:iam::" + HUB + ":root\"}}]}";
        String allowMac =
                "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"kms:GenerateMac\"," + " \"Resource\": \"*\"}]}";
        standIn.iam().putRole(HUB, "/servicecatalog-puppet/", "Saver", trust, Map.of("p", allowMac), List.of(), null);
        standIn.iam().putRole(HUB, "/servicecatalog-puppet/", "Idle", trust, Map.of(), List.of(), null);

        try (KmsClient saver = assumed("Saver");
                KmsClient idle = assumed("Idle")) {
            assertThat(mac(saver, keyArn, "index")).isEqualTo(mac(writer, keyArn, "index"));
            assertThatThrownBy(() -> mac(idle, keyArn, "index"))
                    .satisfies(KmsServiceTest::accessDenied)
                    .hasMessageContaining("because no identity-based policy allows the kms:GenerateMac action");
        }
    }

    private KmsClient assumed(String role) throws Exception {
        Wire caller = new Wire(standIn, "AKIASANDBOX" + HUB, REGION);
        var r = caller.query(
                "sts",
                "AssumeRole",
                params(
                        "RoleArn",
                        "arn:aws:iam::" + HUB + ":role/servicecatalog-puppet/" + role,
                        "RoleSessionName",
                        "run"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return kms(
                AwsSessionCredentials.create(
                        xml(r.body(), "AccessKeyId"), xml(r.body(), "SecretAccessKey"), xml(r.body(), "SessionToken")),
                REGION);
    }

    @Test
    void shouldRefuseKeysAndPoliciesKmsRefuses() {
        assertThatThrownBy(
                        () -> writer.createKey(b -> b.keySpec(KeySpec.HMAC_256).keyUsage(KeyUsageType.ENCRYPT_DECRYPT)))
                .isInstanceOfSatisfying(
                        KmsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        String lockedOut = "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::" + HUB
                + ":role/someone-else\"}, \"Action\": \"kms:*\", \"Resource\": \"*\"}]}";
        assertThatThrownBy(() -> writer.createKey(b -> b.keySpec(KeySpec.HMAC_256)
                        .keyUsage(KeyUsageType.GENERATE_VERIFY_MAC)
                        .policy(lockedOut)))
                .isInstanceOf(MalformedPolicyDocumentException.class);
        var created = writer.createKey(b -> b.keySpec(KeySpec.HMAC_384).keyUsage(KeyUsageType.GENERATE_VERIFY_MAC))
                .keyMetadata();
        assertThat(created.macAlgorithmsAsStrings()).containsExactly("HMAC_SHA_384");
        assertThat(created.arn()).startsWith("arn:aws:kms:" + REGION + ":" + HUB + ":key/");
    }
}
