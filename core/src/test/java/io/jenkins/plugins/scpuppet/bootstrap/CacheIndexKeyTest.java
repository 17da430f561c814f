package io.jenkins.plugins.scpuppet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.scpuppet.mirror.KmsIndexSigner;
import io.jenkins.plugins.scpuppet.standin.AwsStandIn;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;

/** The cache-index key in the hub template, and what its policy lets whom do, judged by the stand-in's KMS. */
class CacheIndexKeyTest {
    private static final String HUB = "111111111111";

    @Test
    void shouldPutAnHmacKeyItsAliasAndItsArnInTheHubTemplate() {
        JsonNode t = BootstrapTemplates.hub(HUB, "eu-west-1", new BootstrapOptions(30, null, false, null));
        JsonNode key = t.path("Resources").path("CacheIndexKey");

        assertThat(key.path("Type").asText()).isEqualTo("AWS::KMS::Key");
        assertThat(key.path("Properties").path("KeySpec").asText()).isEqualTo("HMAC_256");
        assertThat(key.path("Properties").path("KeyUsage").asText()).isEqualTo("GENERATE_VERIFY_MAC");
        assertThat(key.path("Properties").has("EnableKeyRotation"))
                .as("not supported for HMAC keys")
                .isFalse();
        assertThat(t.path("Resources")
                        .path("CacheIndexKeyAlias")
                        .path("Properties")
                        .path("AliasName")
                        .asText())
                .isEqualTo(KmsIndexSigner.DEFAULT_KEY);
        assertThat(t.path("Outputs")
                        .path("CacheIndexKeyArn")
                        .path("Value")
                        .path("Fn::GetAtt")
                        .toString())
                .isEqualTo("[\"CacheIndexKey\",\"Arn\"]");
        JsonNode statements = key.path("Properties").path("KeyPolicy").path("Statement");
        assertThat(statements.get(0).path("Action").toString())
                .doesNotContain("Mac")
                .doesNotContain("kms:*");
        assertThat(statements
                        .get(1)
                        .path("Condition")
                        .path("ArnLike")
                        .path("aws:PrincipalArn")
                        .toString())
                .contains("role/servicecatalog-puppet/*");
    }

    @Test
    void shouldLetOnlyCacheWritersMakeMacsWhileTheAccountAdministersTheKey() throws Exception {
        try (AwsStandIn standIn = AwsStandIn.start(HUB)) {
            String key = standIn.kms()
                    .createKey(
                            HUB,
                            "eu-west-1",
                            "HMAC_256",
                            CacheIndexKey.plainPolicy(HUB, CacheIndexKey.DEFAULT_WRITERS));
            standIn.iam().callerPrincipal("AKIAOTHER" + HUB, "arn:aws:iam::" + HUB + ":role/admins/alice");
            try (KmsClient writer = kms(standIn, "AKIAWRITER" + HUB); // the Jenkins agent's role by default
                    KmsClient admin = kms(standIn, "AKIAOTHER" + HUB)) {
                SdkBytes mac = writer.generateMac(b -> b.keyId(key)
                                .macAlgorithm("HMAC_SHA_256")
                                .message(SdkBytes.fromString("m", StandardCharsets.UTF_8)))
                        .mac();
                assertThat(mac.asByteArray()).hasSize(32);
                // A reader that is no cache writer may still check a MAC: restoring needs no right to save.
                assertThat(admin.verifyMac(b -> b.keyId(key)
                                        .macAlgorithm("HMAC_SHA_256")
                                        .message(SdkBytes.fromString("m", StandardCharsets.UTF_8))
                                        .mac(mac))
                                .macValid())
                        .isTrue();
                assertThat(admin.describeKey(b -> b.keyId(key)).keyMetadata().arn())
                        .isEqualTo(key);
                assertThatThrownBy(() -> admin.generateMac(b -> b.keyId(key)
                                .macAlgorithm("HMAC_SHA_256")
                                .message(software.amazon.awssdk.core.SdkBytes.fromString("m", StandardCharsets.UTF_8))))
                        .isInstanceOfSatisfying(
                                KmsException.class,
                                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
            }
        }
    }

    @Test
    void shouldLetTheBootstrapsCacheWritersAndOnlyThemSign() {
        String agent = "arn:aws:iam::" + HUB + ":role/ci/jenkins-agent";
        JsonNode t =
                BootstrapTemplates.hub(HUB, "eu-west-1", new BootstrapOptions(30, null, false, null, List.of(agent)));
        JsonNode statements = t.path("Resources")
                .path("CacheIndexKey")
                .path("Properties")
                .path("KeyPolicy")
                .path("Statement");

        assertThat(statements.get(1).path("Action").asText()).isEqualTo("kms:GenerateMac");
        assertThat(statements
                        .get(1)
                        .path("Condition")
                        .path("ArnLike")
                        .path("aws:PrincipalArn")
                        .toString())
                .isEqualTo("[\"" + agent + "\"]");
        assertThat(statements.get(2).path("Action").asText()).isEqualTo("kms:VerifyMac");
        assertThat(statements.get(2).has("Condition")).isFalse();
        // The bucket policy names the same writers.
        assertThat(t.path("Resources").path("CachingBucketPolicy").toString()).contains(agent);
    }

    @Test
    void shouldFillInThePartitionAndAccountOfEveryWriterPattern() {
        String policy =
                CacheIndexKey.plainPolicy(HUB, List.of("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/ci/*"));

        assertThat(policy).contains("arn:aws:iam::" + HUB + ":role/ci/*").doesNotContain("${");
    }

    private static KmsClient kms(AwsStandIn standIn, String accessKey) {
        return KmsClient.builder()
                .endpointOverride(standIn.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "s")))
                .build();
    }
}
