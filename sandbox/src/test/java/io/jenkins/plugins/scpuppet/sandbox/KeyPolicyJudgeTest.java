package io.jenkins.plugins.scpuppet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code judge.mjs --requests} on a KMS key policy (KMS's own rule: the key policy must let the account's IAM decide),
 * with the hand-written fixture of a cache-signing key: only the cache writers may sign, the hub's roles may verify.
 */
class KeyPolicyJudgeTest {
    static final Path FIXTURE = Path.of("..", "test-resources", "iam-requests", "cache-key-policy.json")
            .toAbsolutePath()
            .normalize();
    private static final String ADMIN = "arn:aws:iam::111111111111:role/admin";

    @TempDir
    Path tmp;

    @BeforeEach
    void judgeInstalled() {
        IamJudge.requireInstalled();
    }

    private IamJudge.Verdict judge(Path cases) throws Exception {
        return IamJudge.run(List.of("--requests", cases.toString()));
    }

    @Test
    void shouldLetOnlyTheCacheWritersSignWithTheFixtureKey() throws Exception {
        IamJudge.Verdict v = judge(FIXTURE);

        assertThat(v.exit()).isZero();
        assertThat(JudgedRequests.summary(v, "cache-key-policy")).containsExactly(5, 5, 0, 0);
        assertThat(v.lines())
                .anyMatch(l -> l.startsWith(
                        "iam-judge cache-key-policy: as expected ImplicitlyDenied " + ADMIN + " kms:GenerateMac"));
    }

    /** The same key policy as an AWS::KMS::Key of a template, with the intrinsics a template uses, judges alike. */
    @Test
    void shouldReadTheKeyPolicyOfAKmsKeyInATemplate() throws Exception {
        ObjectNode cases = (ObjectNode) JudgedRequests.JSON.readTree(FIXTURE.toFile());
        String root = "arn:aws:iam::111111111111:root";
        String policy = cases.at("/policy/document")
                .toString()
                .replace("\"" + root + "\"", "{\"Fn::Sub\":\"arn:${AWS::Partition}:iam::${AWS::AccountId}:root\"}");
        assertThat(policy).doesNotContain(root);
        Path template = tmp.resolve("hub.json");
        Files.writeString(
                template,
                "{\"Resources\":{\"CacheIndexKey\":{\"Type\":\"AWS::KMS::Key\",\"Properties\":" + "{\"KeyPolicy\":"
                        + policy + "}}}}");
        cases.put("name", "key-in-template")
                .putObject("policy")
                .put("template", template.toString())
                .put("account", "111111111111")
                .put("region", "eu-west-1")
                .put("logicalId", "CacheIndexKey");
        Path file = tmp.resolve("key-in-template.json");
        JudgedRequests.JSON.writeValue(file.toFile(), cases);

        IamJudge.Verdict v = judge(file);

        assertThat(v.exit()).isZero();
        assertThat(JudgedRequests.summary(v, "key-in-template")).containsExactly(5, 5, 0, 0);
        assertThat(v.lines()).anyMatch(l -> l.contains("(resource policy: CacheIndexKey of hub.json)"));
    }

    @Test
    void shouldShowAKeyPolicyThatLetsEveryHubRoleSignIsWrong() throws Exception {
        ObjectNode cases = (ObjectNode) JudgedRequests.JSON.readTree(FIXTURE.toFile());
        for (JsonNode statement : (ArrayNode) cases.at("/policy/document/Statement")) {
            if (statement.path("Sid").asText().equals("OnlyCacheWritersSign")) {
                ((ObjectNode) statement).remove("Condition");
            }
        }
        Path planted = tmp.resolve("planted.json");
        JudgedRequests.JSON.writeValue(planted.toFile(), cases.put("name", "any-hub-role-signs"));

        IamJudge.Verdict v = judge(planted);

        assertThat(v.exit()).isEqualTo(1);
        assertThat(v.linesStartingWith("any-hub-role-signs", "UNEXPECTED "))
                .singleElement()
                .asString()
                .contains(ADMIN + " kms:GenerateMac")
                .contains("expected ImplicitlyDenied, judged Allowed");
    }

    @Test
    void shouldFailOnACasesFileWithoutRequestsOrWithAnUnknownVerdict() throws Exception {
        ObjectNode cases = (ObjectNode) JudgedRequests.JSON.readTree(FIXTURE.toFile());
        Path empty = tmp.resolve("empty.json");
        JudgedRequests.JSON.writeValue(
                empty.toFile(),
                cases.deepCopy().put("name", "empty").set("requests", JudgedRequests.JSON.createArrayNode()));
        ((ObjectNode) cases.at("/requests/0")).put("expect", "Maybe");
        Path unknown = tmp.resolve("unknown.json");
        Files.writeString(unknown, cases.toString());

        IamJudge.Verdict none = judge(empty);
        IamJudge.Verdict bad = judge(unknown);

        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.lines()).anyMatch(l -> l.contains("the file lists no requests"));
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.lines())
                .anyMatch(l -> l.contains("PROBLEM") && l.contains("requests[0].expect must be one of Allowed"));
    }
}
