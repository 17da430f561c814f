package io.jenkins.plugins.scpuppet.standin;

import static io.jenkins.plugins.scpuppet.standin.Wire.params;
import static io.jenkins.plugins.scpuppet.standin.Wire.xml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-in's IAM over the wire: the spoke stack's PuppetRole is assumed by the hub's Jenkins agent, and every call
 * made with the session's keys is judged by the role's policies and refused in the service's own protocol.
 */
class IamEnforcementTest {
    static final String HUB = "111111111111";
    static final String SPOKE = "222222222222";
    static final String ROLE = "arn:aws:iam::" + SPOKE + ":role/servicecatalog-puppet/PuppetRole";

    /** The spoke stack, as decision 3 shapes it, with a policy given by the test. */
    static String spokeTemplate(String policyStatements, String extraRoleProperties) {
        return """
                {"Resources": {"PuppetRole": {"Type": "AWS::IAM::Role", "Properties": {
                  "RoleName": "PuppetRole", "Path": "/servicecatalog-puppet/",
                  "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
                    {"Effect": "Allow", "Action": ["sts:AssumeRole", "sts:SetSourceIdentity"],
                     "Principal": {"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::%s:root"}},
                     "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::%s:role/servicecatalog-puppet/*"}}}]},
                  %s
                  "Policies": [{"PolicyName": "servicecatalog-puppet", "PolicyDocument": {"Version": "2012-10-17",
                    "Statement": [%s]}}]}}}}
                """.formatted(HUB, HUB, extraRoleProperties, policyStatements);
    }

    @TempDir
    Path tmp;

    AwsStandIn standIn;
    Wire hubCaller;
    Wire spokeAdmin;

    @BeforeEach
    void start() throws Exception {
        standIn = AwsStandIn.start(HUB);
        hubCaller = new Wire(standIn, "AKIASANDBOX" + HUB, "eu-west-1");
        spokeAdmin = new Wire(standIn, "AKIASANDBOX" + SPOKE, "eu-west-1");
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    private void bootstrap(String statements, String extra) throws Exception {
        var r = createStack(spokeTemplate(statements, extra), "CAPABILITY_NAMED_IAM");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** The spoke stack, created in the spoke by its own admin, acknowledging the capabilities given. */
    private Wire.Response createStack(String template, String... capabilities) throws Exception {
        var p = params("StackName", "servicecatalog-puppet-spoke", "TemplateBody", template);
        for (int i = 0; i < capabilities.length; i++) {
            p.put("Capabilities.member." + (i + 1), capabilities[i]);
        }
        return spokeAdmin.query("cloudformation", "CreateStack", p);
    }

    /** A Wire signed with the keys AssumeRole hands out. */
    private Wire assume(String sourceIdentity) throws Exception {
        var r = hubCaller.query(
                "sts",
                "AssumeRole",
                sourceIdentity == null
                        ? params("RoleArn", ROLE, "RoleSessionName", "puppet-run-1")
                        : params("RoleArn", ROLE, "RoleSessionName", "puppet-run-1", "SourceIdentity", sourceIdentity));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return hubCaller.as(xml(r.body(), "AccessKeyId"));
    }

    @Test
    void shouldAllowWhatThePolicyAllowsAndAnswerAccessDeniedInEachProtocolOtherwise() throws Exception {
        bootstrap("{\"Effect\": \"Allow\", \"Action\": \"ssm:GetParameter\", \"Resource\": \"*\"}", "");
        standIn.ssm().put(SPOKE, "eu-west-1", "/a/b", "v");
        Wire puppet = assume(null);

        var allowed = puppet.json("ssm", "AmazonSSM.GetParameter", "{\"Name\": \"/a/b\"}");
        var json = puppet.json(
                "ssm", "AmazonSSM.PutParameter", "{\"Name\": \"/a/b\", \"Value\": \"w\", \"Type\": \"String\"}");
        var query =
                puppet.query("cloudformation", "DescribeStacks", params("StackName", "servicecatalog-puppet-spoke"));
        var lambda = puppet.invoke("inventory-notifier");

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.errorType()).isEqualTo("AccessDeniedException");
        JsonNode body = AwsStandIn.JSON.readTree(json.body());
        assertThat(body.path("__type").asText()).isEqualTo("AccessDeniedException");
        assertThat(body.path("message").asText())
                .isEqualTo("User: arn:aws:sts::" + SPOKE + ":assumed-role/PuppetRole/puppet-run-1 is not authorized"
                        + " to perform: ssm:PutParameter on resource: arn:aws:ssm:eu-west-1:" + SPOKE
                        + ":parameter/a/b because no identity-based policy allows the ssm:PutParameter action");
        assertThat(query.status()).isEqualTo(403);
        assertThat(xml(query.body(), "Code")).isEqualTo("AccessDenied");
        assertThat(xml(query.body(), "Message"))
                .contains("cloudformation:DescribeStacks on resource: arn:aws:cloudformation:eu-west-1:" + SPOKE
                        + ":stack/servicecatalog-puppet-spoke/");
        assertThat(lambda.status()).isEqualTo(403);
        assertThat(lambda.errorType()).isEqualTo("AccessDeniedException");
        assertThat(lambda.body())
                .contains("lambda:InvokeFunction on resource: arn:aws:lambda:eu-west-1:" + SPOKE
                        + ":function:inventory-notifier");
        assertThat(standIn.ssm().get(SPOKE, "eu-west-1", "/a/b")).isEqualTo("v"); // the refused call changed nothing
    }

    @Test
    void shouldHonourAnExplicitDenyAndAPermissionBoundary() throws Exception {
        String boundary = "arn:aws:iam::" + SPOKE + ":policy/puppet-boundary";
        standIn.iam()
                .putManagedPolicy(
                        boundary,
                        "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": [\"ssm:*\", \"servicecatalog:*\"],"
                                + " \"Resource\": \"*\"}]}");
        bootstrap(
                "{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"},"
                        + "{\"Effect\": \"Deny\", \"Action\": \"ssm:DeleteParameter\", \"Resource\": \"*\"}",
                "\"PermissionsBoundary\": \"" + boundary + "\",");
        Wire puppet = assume(null);

        var inBoth = puppet.json(
                "ssm", "AmazonSSM.PutParameter", "{\"Name\": \"p\", \"Value\": \"w\", \"Type\": \"String\"}");
        var denied = puppet.json("ssm", "AmazonSSM.DeleteParameter", "{\"Name\": \"p\"}");
        var outsideBoundary = puppet.json("codebuild", "CodeBuild_20161006.StartBuild", "{\"projectName\": \"x\"}");

        assertThat(inBoth.status()).isEqualTo(200);
        assertThat(AwsStandIn.JSON.readTree(denied.body()).path("message").asText())
                .endsWith("ssm:DeleteParameter on resource: arn:aws:ssm:eu-west-1:" + SPOKE
                        + ":parameter/p with an explicit deny in an identity-based policy");
        assertThat(AwsStandIn.JSON
                        .readTree(outsideBoundary.body())
                        .path("message")
                        .asText())
                .endsWith("codebuild:StartBuild on resource: arn:aws:codebuild:eu-west-1:" + SPOKE
                        + ":project/x because no permissions boundary allows the codebuild:StartBuild action");
    }

    @Test
    void shouldLetOnlyTrustedPrincipalsAssumeTheRoleAndSetASourceIdentityOnlyWhereAllowed() throws Exception {
        var missing = hubCaller.query("sts", "AssumeRole", params("RoleArn", ROLE, "RoleSessionName", "run-1"));
        bootstrap("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}", "");
        standIn.iam().callerPrincipal("AKIADEVELOPER" + HUB, "arn:aws:iam::" + HUB + ":role/Developer");
        var untrusted = hubCaller
                .as("AKIADEVELOPER" + HUB)
                .query("sts", "AssumeRole", params("RoleArn", ROLE, "RoleSessionName", "run-1"));
        var wrongPath = hubCaller.query(
                "sts",
                "AssumeRole",
                params("RoleArn", ROLE.replace("servicecatalog-puppet/", ""), "RoleSessionName", "run-1"));

        assertThat(missing.status()).isEqualTo(403);
        assertThat(xml(missing.body(), "Code")).isEqualTo("AccessDenied");
        assertThat(xml(missing.body(), "Message"))
                .isEqualTo("User: arn:aws:sts::" + HUB + ":assumed-role/jenkins-agent/sandbox is not authorized to"
                        + " perform: sts:AssumeRole on resource: " + ROLE);
        assertThat(xml(untrusted.body(), "Message"))
                .isEqualTo("User: arn:aws:sts::" + HUB + ":assumed-role/Developer/sandbox is not authorized to"
                        + " perform: sts:AssumeRole on resource: " + ROLE);
        assertThat(wrongPath.status()).isEqualTo(403);
        Wire withSource = assume("puppet-run-1");
        var identity = withSource.query("sts", "GetCallerIdentity", Map.of());
        assertThat(xml(identity.body(), "Arn"))
                .isEqualTo("arn:aws:sts::" + SPOKE + ":assumed-role/PuppetRole/puppet-run-1");
        assertThat(xml(hubCaller.query("sts", "GetCallerIdentity", Map.of()).body(), "Arn"))
                .isEqualTo("arn:aws:sts::" + HUB + ":assumed-role/jenkins-agent/sandbox");
    }

    @Test
    void shouldRefuseASessionShorterThan900SecondsOrLongerThanTheHourAChainAllows() throws Exception {
        bootstrap("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}", "");
        var tooShort = hubCaller.query(
                "sts", "AssumeRole", params("RoleArn", ROLE, "RoleSessionName", "run-1", "DurationSeconds", "899"));
        var tooLong = hubCaller.query(
                "sts", "AssumeRole", params("RoleArn", ROLE, "RoleSessionName", "run-1", "DurationSeconds", "3601"));
        var chainedTooLong = assume(null)
                .query(
                        "sts",
                        "AssumeRole",
                        params("RoleArn", ROLE, "RoleSessionName", "run-2", "DurationSeconds", "7200"));
        var anHour = hubCaller.query(
                "sts", "AssumeRole", params("RoleArn", ROLE, "RoleSessionName", "run-1", "DurationSeconds", "3600"));

        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(xml(tooShort.body(), "Code")).isEqualTo("ValidationError");
        assertThat(xml(tooShort.body(), "Message")).contains("greater than or equal to 900");
        assertThat(xml(tooLong.body(), "Message")).contains("exceeds the MaxSessionDuration");
        assertThat(chainedTooLong.status()).isEqualTo(400);
        assertThat(xml(chainedTooLong.body(), "Message"))
                .contains("1 hour session limit for roles assumed by role chaining");
        assertThat(anHour.status()).as(anHour.body()).isEqualTo(200);
    }

    @Test
    void shouldRefuseASourceIdentityTheTrustPolicyDoesNotAllowAndAnUnknownSessionKey() throws Exception {
        var r = createStack(
                spokeTemplate("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}", "")
                        .replace("[\"sts:AssumeRole\", \"sts:SetSourceIdentity\"]", "\"sts:AssumeRole\""),
                "CAPABILITY_NAMED_IAM");
        assertThat(r.status()).isEqualTo(200);

        var withSource = hubCaller.query(
                "sts", "AssumeRole", params("RoleArn", ROLE, "RoleSessionName", "run-1", "SourceIdentity", "me"));
        var forged = hubCaller.as("ASIAFORGED" + SPOKE).json("ssm", "AmazonSSM.GetParameter", "{\"Name\": \"x\"}");

        assertThat(xml(withSource.body(), "Message")).contains("sts:SetSourceIdentity on resource: " + ROLE);
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.errorType()).isEqualTo("UnrecognizedClientException");
    }

    @Test
    void shouldRecordEachDistinctDecisionAndEveryTemplateAsSubmitted() throws Exception {
        String template =
                spokeTemplate("{\"Effect\": \"Allow\", \"Action\": \"ssm:GetParameter\", \"Resource\": \"*\"}", "");
        bootstrap("{\"Effect\": \"Allow\", \"Action\": \"ssm:GetParameter\", \"Resource\": \"*\"}", "");
        Wire puppet = assume(null);
        for (int i = 0; i < 3; i++) {
            puppet.json("ssm", "AmazonSSM.GetParameter", "{\"Name\": \"/missing\"}");
        }
        puppet.json("ssm", "AmazonSSM.DeleteParameter", "{\"Name\": \"/missing\"}");

        standIn.iam().writeRecording(tmp);

        List<String> lines = Files.readAllLines(tmp.resolve("calls.jsonl"));
        assertThat(lines).hasSize(3); // the AssumeRole, the GetParameter once, the refused DeleteParameter
        JsonNode trust = AwsStandIn.JSON.readTree(lines.get(0));
        assertThat(trust.path("kind").asText()).isEqualTo("trust");
        assertThat(trust.path("principalArn").asText())
                .isEqualTo("arn:aws:iam::" + HUB + ":role/servicecatalog-puppet/jenkins-agent");
        assertThat(trust.path("resource").asText()).isEqualTo(ROLE);
        assertThat(trust.path("account").asText()).isEqualTo(SPOKE);
        JsonNode denied = AwsStandIn.JSON.readTree(lines.get(2));
        assertThat(denied.path("action").asText()).isEqualTo("ssm:DeleteParameter");
        assertThat(denied.path("principalArn").asText()).isEqualTo(ROLE);
        assertThat(denied.path("context").path("aws:PrincipalArn").asText()).isEqualTo(ROLE);
        assertThat(denied.path("standInDecision").asText()).isEqualTo("Deny");
        assertThat(Files.readString(tmp.resolve("stacks/" + SPOKE + "/eu-west-1/servicecatalog-puppet-spoke.json")))
                .isEqualTo(template);
    }

    @Test
    void shouldRefuseIamResourcesWithoutTheirCapabilityAsCloudFormationDoes() throws Exception {
        var r = createStack(spokeTemplate("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}", ""));
        var onlyUnnamed = createStack(
                spokeTemplate("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}", ""), "CAPABILITY_IAM");

        assertThat(r.status()).isEqualTo(400);
        assertThat(xml(r.body(), "Code")).isEqualTo("InsufficientCapabilitiesException");
        assertThat(xml(r.body(), "Message")).isEqualTo("Requires capabilities : [CAPABILITY_NAMED_IAM]");
        assertThat(xml(onlyUnnamed.body(), "Code")).isEqualTo("InsufficientCapabilitiesException"); // RoleName is set
        assertThat(standIn.iam().roleArn(SPOKE, "PuppetRole")).isNull();
    }

    @Test
    void shouldRecordButNotRefuseWithEnforcementOff() throws Exception {
        bootstrap("{\"Effect\": \"Allow\", \"Action\": \"ssm:GetParameter\", \"Resource\": \"*\"}", "");
        standIn.iam().enforce(false);
        Wire puppet = assume(null);

        var r = puppet.json(
                "ssm", "AmazonSSM.PutParameter", "{\"Name\": \"p\", \"Value\": \"w\", \"Type\": \"String\"}");
        var unknownRole = hubCaller.query(
                "sts",
                "AssumeRole",
                params("RoleArn", "arn:aws:iam::" + SPOKE + ":role/Nope", "RoleSessionName", "run-1"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(unknownRole.status()).isEqualTo(200);
        assertThat(standIn.iam().decisions()).anySatisfy(d -> {
            assertThat(d.action()).isEqualTo("ssm:PutParameter");
            assertThat(d.standInDecision()).isEqualTo("Deny");
        });
    }

    @Test
    void shouldGiveEveryOrganizationsAccountItsAccessRoleTrustedByTheManagementAccount() throws Exception {
        standIn.organizations().account("444444444444", "new", OrganizationsService.ROOT, true);
        String role = "arn:aws:iam::444444444444:role/OrganizationAccountAccessRole";

        var r = hubCaller.query("sts", "AssumeRole", params("RoleArn", role, "RoleSessionName", "bootstrap"));
        var outsider = new Wire(standIn, "AKIASANDBOX999999999999", "eu-west-1")
                .query("sts", "AssumeRole", params("RoleArn", role, "RoleSessionName", "bootstrap"));

        var withSource = hubCaller.query(
                "sts",
                "AssumeRole",
                params("RoleArn", role, "RoleSessionName", "bootstrap", "SourceIdentity", "bootstrap"));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(outsider.status()).isEqualTo(403);
        // Organizations' trust policy allows sts:AssumeRole only: AWS refuses a source identity for this role.
        assertThat(xml(withSource.body(), "Message")).contains("sts:SetSourceIdentity on resource: " + role);
    }
}
