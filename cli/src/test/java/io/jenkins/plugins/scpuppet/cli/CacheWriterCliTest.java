package io.jenkins.plugins.scpuppet.cli;

import static io.jenkins.plugins.scpuppet.cli.CliTest.DEMO;
import static io.jenkins.plugins.scpuppet.cli.CliTest.HUB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.scpuppet.cli.CliTest.Result;
import io.jenkins.plugins.scpuppet.sandbox.Sandbox;
import java.util.List;
import org.junit.jupiter.api.Test;

/** bootstrap --cache-writer: the caching bucket's policy names the writers given; bad ARNs are usage errors. */
class CacheWriterCliTest {
    private static Result against(Sandbox sandbox, String... args) {
        return CliTest.onSandbox(sandbox, List.of("--home-region", "eu-west-1"), args);
    }

    private static String cacheWriterCondition(Sandbox sandbox) throws Exception {
        var statements = new ObjectMapper()
                .readTree(sandbox.standIn()
                        .cloudFormation()
                        .stacks(HUB, "eu-west-1")
                        .get("servicecatalog-puppet-jenkins")
                        .template())
                .path("Resources")
                .path("CachingBucketPolicy")
                .path("Properties")
                .path("PolicyDocument")
                .path("Statement");
        for (var s : statements) {
            if (s.path("Sid").asText().equals("OnlyCacheWritersWriteTheCache")) {
                return s.path("Condition").toString();
            }
        }
        throw new AssertionError("no cache-writer statement in " + statements);
    }

    @Test
    void shouldWriteTheGivenCacheWritersIntoTheBucketPolicyAndRefuseBadOnes() throws Exception {
        try (Sandbox sandbox = Sandbox.forManifest(DEMO, HUB, "eu-west-1")) {
            String agent = "arn:aws:iam::" + HUB + ":role/jenkins/agent";
            Result plain = against(sandbox, "bootstrap");
            String defaultCondition = cacheWriterCondition(sandbox);
            Result given = against(
                    sandbox,
                    "bootstrap",
                    "--cache-writer",
                    agent,
                    "--cache-writer",
                    "arn:aws:iam::" + HUB + ":role/ops/*");
            String givenCondition = cacheWriterCondition(sandbox);
            Result sts = against(sandbox, "bootstrap", "--cache-writer", "arn:aws:sts::" + HUB + ":assumed-role/a/b");
            Result otherAccount = against(sandbox, "bootstrap", "--cache-writer", "arn:aws:iam::999999999999:role/a");

            assertThat(plain.exit()).as(plain.err()).isZero();
            assertThat(defaultCondition)
                    .isEqualTo("{\"ArnNotLike\":{\"aws:PrincipalArn\":[{\"Fn::Sub\":\"arn:${AWS::Partition}:iam::"
                            + "${AWS::AccountId}:role/servicecatalog-puppet/*\"}]}}");
            assertThat(given.exit()).as(given.err()).isZero();
            assertThat(given.out()).contains("stack servicecatalog-puppet-jenkins: updated");
            assertThat(givenCondition)
                    .isEqualTo("{\"ArnNotLike\":{\"aws:PrincipalArn\":[\"" + agent + "\",\"arn:aws:iam::" + HUB
                            + ":role/ops/*\"]}}");
            assertThat(sts.exit()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(sts.err())
                    .contains(
                            "--cache-writer arn:aws:sts::" + HUB + ":assumed-role/a/b is not an IAM role or user ARN");
            assertThat(otherAccount.exit()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(otherAccount.err())
                    .contains("arn:aws:iam::999999999999:role/a is not in the puppet account " + HUB);
            assertThat(cacheWriterCondition(sandbox))
                    .as("refused runs change nothing")
                    .isEqualTo(givenCondition);
        }
    }
}
