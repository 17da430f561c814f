package io.jenkins.plugins.scpuppet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The caching bucket's cache-writer statement as the hub template carries it (judged in sandbox's IamJudge tests). */
class CacheWriterPolicyTest {
    private static final String HUB = "111111111111";
    private static final String BUCKET = "sc-puppet-caching-bucket-" + HUB + "-eu-west-1";

    private static JsonNode statement(BootstrapOptions options) {
        ObjectNode hub = BootstrapTemplates.hub(HUB, "eu-west-1", options);
        JsonNode statements = hub.path("Resources")
                .path("CachingBucketPolicy")
                .path("Properties")
                .path("PolicyDocument");
        List<JsonNode> found = new ArrayList<>();
        statements.path("Statement").forEach(s -> {
            if (CacheWriterPolicy.SID.equals(s.path("Sid").asText())) {
                found.add(s);
            }
        });
        assertThat(found).hasSize(1);
        assertThat(statements.path("Statement").get(0).path("Sid").asText()).isEqualTo("TlsOnly");
        return found.get(0);
    }

    @Test
    void shouldDenyEveryObjectWriteUnderOutputToAllButTheDefaultWriters() {
        JsonNode deny = statement(BootstrapOptions.DEFAULT);

        assertThat(deny.path("Effect").asText()).isEqualTo("Deny");
        assertThat(deny.path("Principal").asText()).isEqualTo("*");
        List<String> actions = new ArrayList<>();
        deny.path("Action").forEach(a -> actions.add(a.asText()));
        assertThat(actions)
                .contains("s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutObjectTagging")
                .doesNotContain("s3:GetObject", "s3:PutBucketPolicy", "s3:RestoreObject")
                .allMatch(a -> a.startsWith("s3:"))
                .doesNotHaveDuplicates();
        assertThat(deny.path("Resource").path("Fn::Sub").asText())
                .isEqualTo("arn:${AWS::Partition}:s3:::" + BUCKET + "/output/*");
        assertThat(deny.path("Condition").toString())
                .isEqualTo("{\"ArnNotLike\":{\"aws:PrincipalArn\":[{\"Fn::Sub\":\"" + CacheWriterPolicy.DEFAULT_WRITERS
                        + "\"}]}}");
    }

    @Test
    void shouldBeListedInTheSecurityPage() throws java.io.IOException {
        String page = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "security.md"));

        assertThat(page).contains("`" + CacheWriterPolicy.SID + "`");
        for (String action : CacheWriterPolicy.WRITE_ACTIONS) {
            assertThat(page)
                    .as("docs/security.md names %s", action)
                    .containsAnyOf("`" + action + "`", "`" + action.substring("s3:".length()) + "`");
        }
    }

    @Test
    void shouldReplaceTheDefaultWithTheWritersGiven() {
        List<String> writers =
                List.of("arn:aws:iam::" + HUB + ":role/jenkins/agent", "arn:aws:iam::" + HUB + ":role/ops/*");

        JsonNode deny = statement(BootstrapOptions.DEFAULT.withCacheWriters(writers));

        assertThat(deny.path("Condition")
                        .path("ArnNotLike")
                        .path("aws:PrincipalArn")
                        .toString())
                .isEqualTo("[\"arn:aws:iam::" + HUB + ":role/jenkins/agent\",\"arn:aws:iam::" + HUB + ":role/ops/*\"]");
        assertThat(deny.path("Condition").toString()).doesNotContain("servicecatalog-puppet");
    }

    @Test
    void shouldRefuseWritersThatCouldNeverMatchOrAreOfAnotherAccount() {
        assertThat(CacheWriterPolicy.problem("arn:aws:iam::" + HUB + ":role/servicecatalog-puppet/*", HUB))
                .isNull();
        assertThat(CacheWriterPolicy.problem("arn:aws-cn:iam::" + HUB + ":user/ci", null))
                .isNull();
        assertThat(CacheWriterPolicy.problem("arn:aws:sts::" + HUB + ":assumed-role/agent/session", HUB))
                .contains("not an IAM role or user ARN")
                .contains("give the role's ARN");
        assertThat(CacheWriterPolicy.problem("jenkins-agent", null)).contains("jenkins-agent is not an IAM role");
        assertThat(CacheWriterPolicy.problem("arn:aws:iam::*:role/x", null)).contains("not an IAM role");
        assertThat(CacheWriterPolicy.problem("arn:aws:iam::222222222222:role/x", HUB))
                .contains("not in the puppet account " + HUB);
        assertThat(CacheWriterPolicy.problem(null, HUB)).contains("null is not an IAM role");

        BootstrapOptions otherAccount =
                BootstrapOptions.DEFAULT.withCacheWriters(List.of("arn:aws:iam::222222222222:role/x"));
        assertThatThrownBy(() -> BootstrapTemplates.hub(HUB, "eu-west-1", otherAccount))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("arn:aws:iam::222222222222:role/x is not in the puppet account");
    }
}
