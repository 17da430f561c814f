package io.jenkins.plugins.scpuppet.sandbox;

import static io.jenkins.plugins.scpuppet.sandbox.JudgedRequests.allow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.bootstrap.Bootstrap;
import io.jenkins.plugins.scpuppet.bootstrap.BootstrapOptions;
import io.jenkins.plugins.scpuppet.config.ConfigStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The caching bucket's policy, as bootstrap gives it to CloudFormation (the hub stack the stand-in holds), judged by
 * the third-party IAM simulator: only the cache writers may write or delete under output/, anyone may still do what
 * their own policies allow elsewhere. Planted mistakes in the same statement are each shown wrong by the judge.
 */
class CacheWriterPolicyJudgeTest {
    private static final String HUB = "111111111111";
    private static final String HOME = "eu-west-1";
    private static final String BUCKET = "arn:aws:s3:::sc-puppet-caching-bucket-" + HUB + "-" + HOME;
    private static final String TARGET = BUCKET + "/output/ProvisionProductTask/account_id=222222222222/x.json";
    private static final String INDEX = BUCKET + "/output/_puppet/index.json";
    private static final String WRITER = "arn:aws:iam::" + HUB + ":role/servicecatalog-puppet/jenkins-agent";
    private static final String HUB_OTHER = "arn:aws:iam::" + HUB + ":role/other-team/deployer";
    private static final String SPOKE_ROLE = "arn:aws:iam::222222222222:role/servicecatalog-puppet/PuppetRole";
    private static final String OTHER_ACCOUNT = "arn:aws:iam::333333333333:role/servicecatalog-puppet/jenkins-agent";
    private static final String SID = "OnlyCacheWritersWriteTheCache";
    private static final String STATEMENTS = "/Resources/CachingBucketPolicy/Properties/PolicyDocument/Statement";

    private static ObjectNode hubTemplate;

    @TempDir
    Path tmp;

    @BeforeAll
    static void bootstrapTheHub() throws Exception {
        try (Sandbox box = new Sandbox(HUB, HOME)) {
            new Bootstrap(box.clients()).hub(HUB, HOME, BootstrapOptions.DEFAULT, new ExistingConfig());
            String body = box.standIn()
                    .cloudFormation()
                    .stacks(HUB, HOME)
                    .get("servicecatalog-puppet-jenkins")
                    .template();
            hubTemplate = (ObjectNode) JudgedRequests.JSON.readTree(body);
        }
    }

    /** A config that exists already, so bootstrap writes none (the hub's PuppetRole is not needed to judge). */
    private static final class ExistingConfig implements ConfigStore {
        @Override
        public String read() {
            return "regions:\n- " + HOME + "\n";
        }

        @Override
        public void write(String yaml) {
            throw new AssertionError("bootstrap must not write a config that exists");
        }

        @Override
        public String describe() {
            return "a config that exists";
        }
    }

    @BeforeEach
    void judgeInstalled() {
        IamJudge.requireInstalled();
    }

    /** What every policy must answer; a planted mistake answers some of them otherwise. */
    private static JudgedRequests requests(String name, Path template) {
        JsonNode writerIdentity = allow(BUCKET + "/*", "s3:GetObject", "s3:PutObject", "s3:DeleteObject");
        JsonNode everything = allow("*", "*");
        JsonNode s3Everything = allow("*", "s3:*");
        return new JudgedRequests(name, template, HUB, HOME, "CachingBucketPolicy")
                .add(WRITER, "s3:PutObject", TARGET, writerIdentity, "Allowed", null)
                .add(WRITER, "s3:PutObject", INDEX, writerIdentity, "Allowed", null)
                .add(WRITER, "s3:DeleteObject", TARGET, writerIdentity, "Allowed", null)
                .add(WRITER, "s3:GetObject", INDEX, writerIdentity, "Allowed", null)
                .add(HUB_OTHER, "s3:PutObject", TARGET, s3Everything, "ExplicitlyDenied", SID)
                .add(HUB_OTHER, "s3:PutObject", INDEX, s3Everything, "ExplicitlyDenied", SID)
                .add(HUB_OTHER, "s3:DeleteObject", TARGET, s3Everything, "ExplicitlyDenied", SID)
                .add(HUB_OTHER, "s3:DeleteObjectVersion", TARGET, s3Everything, "ExplicitlyDenied", SID)
                .add(HUB_OTHER, "s3:PutObjectTagging", TARGET, s3Everything, "ExplicitlyDenied", SID)
                .add(HUB_OTHER, "s3:GetObject", TARGET, s3Everything, "Allowed", null)
                .add(HUB_OTHER, "s3:PutObject", BUCKET + "/notes/readme.txt", s3Everything, "Allowed", null)
                .add(HUB_OTHER, "s3:PutBucketPolicy", BUCKET, s3Everything, "Allowed", null)
                .add(SPOKE_ROLE, "s3:PutObject", TARGET, everything, "ExplicitlyDenied", SID)
                .add(SPOKE_ROLE, "s3:DeleteObject", INDEX, everything, "ExplicitlyDenied", SID)
                .add(OTHER_ACCOUNT, "s3:PutObject", TARGET, s3Everything, "ExplicitlyDenied", SID);
    }

    private Path template(String name, BiConsumer<ObjectNode, ArrayNode> plant) throws Exception {
        ObjectNode copy = hubTemplate.deepCopy();
        plant.accept(cacheWriterStatement(copy), (ArrayNode) copy.at(STATEMENTS));
        Path file = tmp.resolve(name + "-template.json");
        Files.writeString(file, JudgedRequests.JSON.writeValueAsString(copy));
        return file;
    }

    private static void rename(ObjectNode statement, String operator) {
        JsonNode values = statement.path("Condition").path("ArnNotLike");
        ((ObjectNode) statement.path("Condition")).removeAll().set(operator, values);
    }

    private static ObjectNode cacheWriterStatement(ObjectNode template) {
        for (JsonNode s : template.at(STATEMENTS)) {
            if (s.path("Sid").asText().equals(SID)) {
                return (ObjectNode) s;
            }
        }
        throw new AssertionError("no " + SID + " statement in the hub template");
    }

    private IamJudge.Verdict judge(String name, BiConsumer<ObjectNode, ArrayNode> plant) throws Exception {
        JudgedRequests cases = requests(name, template(name, plant));
        return IamJudge.run(
                List.of("--requests", cases.write(tmp.resolve(name + ".json")).toString()));
    }

    @Test
    void shouldLetOnlyTheCacheWritersWriteUnderOutput() throws Exception {
        IamJudge.Verdict v = judge("bucket-policy", (s, all) -> {});

        int[] counts = JudgedRequests.summary(v, "bucket-policy");
        assertThat(counts)
                .containsExactly(requests("x", tmp).size(), requests("x", tmp).size(), 0, 0);
        assertThat(v.exit()).isZero();
        assertThat(v.lines())
                .anyMatch(l -> l.contains("as expected ExplicitlyDenied " + HUB_OTHER + " s3:PutObject on " + TARGET)
                        && l.contains("explicit deny in resource policy, statement " + SID));
    }

    /**
     * The cache-index key of the same hub stack, judged with the key fixture's requests: only a cache writer may sign,
     * another hub role may verify, a spoke's role may not sign.
     */
    @Test
    void shouldLetOnlyTheCacheWritersSignWithTheBootstrappedKey() throws Exception {
        Path template = template("key", (s, all) -> {});
        ObjectNode cases = (ObjectNode) JudgedRequests.JSON.readTree(KeyPolicyJudgeTest.FIXTURE.toFile());
        cases.put("name", "bootstrapped-key")
                .putObject("policy")
                .put("template", template.toString())
                .put("account", HUB)
                .put("region", HOME)
                .put("logicalId", "CacheIndexKey");
        Path file = tmp.resolve("bootstrapped-key.json");
        JudgedRequests.JSON.writeValue(file.toFile(), cases);

        IamJudge.Verdict v = IamJudge.run(List.of("--requests", file.toString()));

        assertThat(JudgedRequests.summary(v, "bootstrapped-key")).containsExactly(5, 5, 0, 0);
        assertThat(v.exit()).isZero();
    }

    /** StringNotEquals takes no wildcard: the writers' pattern matches no real role, so the writers are refused. */
    @Test
    void shouldRefuseTheWritersWhenTheirPatternIsComparedAsAPlainString() throws Exception {
        IamJudge.Verdict v = judge("string-not-equals", (s, all) -> rename(s, "StringNotEquals"));

        assertThat(v.exit()).isEqualTo(1);
        assertThat(v.linesStartingWith("string-not-equals", "UNEXPECTED "))
                .hasSize(3)
                .allMatch(l -> l.contains(WRITER) && l.contains("expected Allowed, judged ExplicitlyDenied"));
    }

    /**
     * Not a mistake: AWS documents ArnEquals and ArnLike alike (each of the six ARN parts may hold * and ?), and their
     * negations alike, so ArnNotEquals with the writers' wildcard refuses the same principals. The judge agrees.
     */
    @Test
    void shouldJudgeArnNotEqualsWithAWildcardAsArnNotLike() throws Exception {
        IamJudge.Verdict v = judge("arn-not-equals", (s, all) -> rename(s, "ArnNotEquals"));

        assertThat(v.exit()).isZero();
        assertThat(v.linesStartingWith("arn-not-equals", "UNEXPECTED ")).isEmpty();
    }

    /** One Deny per writer: each refuses every other writer (the values of one negated operator are a NOR). */
    @Test
    void shouldRefuseEveryWriterWhenEachHasItsOwnDenyStatement() throws Exception {
        IamJudge.Verdict v = judge("one-statement-per-writer", (s, all) -> {
            ObjectNode ops = s.deepCopy().put("Sid", "OpsOnly");
            ops.with("Condition")
                    .with("ArnNotLike")
                    .putArray("aws:PrincipalArn")
                    .add("arn:aws:iam::" + HUB + ":role/ops/*");
            all.add(ops);
        });

        assertThat(v.exit()).isEqualTo(1);
        assertThat(v.linesStartingWith("one-statement-per-writer", "UNEXPECTED "))
                .hasSize(3)
                .allMatch(l -> l.contains(WRITER) && l.contains("explicit deny in resource policy, statement OpsOnly"));
    }

    @Test
    void shouldLetEveryoneElseWriteWhenTheWritersAreInAPositiveOperator() throws Exception {
        IamJudge.Verdict v = judge("positive", (s, all) -> rename(s, "ArnLike"));

        assertThat(v.exit()).isEqualTo(1);
        assertThat(v.linesStartingWith("positive", "UNEXPECTED "))
                .anyMatch(l -> l.startsWith("iam-judge positive: UNEXPECTED " + WRITER + " s3:PutObject on " + TARGET))
                .anyMatch(
                        l -> l.startsWith("iam-judge positive: UNEXPECTED " + HUB_OTHER + " s3:PutObject on " + TARGET)
                                && l.contains("expected ExplicitlyDenied by statement " + SID + ", judged Allowed"));
    }

    /** A misspelt action: S3 refuses such a policy as malformed, so the judge fails it even where verdicts agree. */
    @Test
    void shouldRefuseAPolicyNamingAnActionAwsDoesNotKnow() throws Exception {
        IamJudge.Verdict v = judge("misspelt", (s, all) -> ((ArrayNode) s.path("Action")).add("s3:PutObjects"));

        assertThat(v.exit()).isEqualTo(1);
        assertThat(v.linesStartingWith("misspelt", "PROBLEM "))
                .singleElement()
                .asString()
                .contains("names s3:PutObjects, an action AWS does not know");
        assertThat(v.linesStartingWith("misspelt", "UNEXPECTED ")).isEmpty();
    }

    @Test
    void shouldShowAStatementOverTheWholeBucketIsNotScopedToOutput() throws Exception {
        IamJudge.Verdict v = judge(
                "whole-bucket",
                (s, all) -> s.putObject("Resource")
                        .put(
                                "Fn::Sub",
                                "arn:${AWS::Partition}:s3:::sc-puppet-caching-bucket-" + HUB + "-" + HOME + "/*"));

        assertThat(v.exit()).isEqualTo(1);
        assertThat(v.linesStartingWith("whole-bucket", "UNEXPECTED "))
                .singleElement()
                .asString()
                .contains(HUB_OTHER + " s3:PutObject on " + BUCKET + "/notes/readme.txt")
                .contains("judged ExplicitlyDenied");
    }
}
