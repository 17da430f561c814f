package io.jenkins.plugins.scpuppet.sandbox;

import static io.jenkins.plugins.scpuppet.sandbox.SandboxDeploys.HOME;
import static io.jenkins.plugins.scpuppet.sandbox.SandboxDeploys.HUB;
import static io.jenkins.plugins.scpuppet.sandbox.SandboxDeploys.deploy;
import static io.jenkins.plugins.scpuppet.sandbox.SandboxDeploys.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.bootstrap.Bootstrap;
import io.jenkins.plugins.scpuppet.bootstrap.PuppetRolePermissions;
import io.jenkins.plugins.scpuppet.bootstrap.SpokeOptions;
import io.jenkins.plugins.scpuppet.engine.RunOutcome;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.model.Capability;

/**
 * The judge and the stand-in deny the same calls when the policies really refuse something: a statement removed, a
 * permission boundary, an explicit deny, a trust that does not name the agent. Each policy reaches the stand-in the
 * way a user's would, through the spoke stack's template (bootstrap-spoke, or the stack updated through
 * CloudFormation), so the templates the judge reads are the policies the stand-in enforced; the deploy fails, and
 * the judge must deny exactly the calls the stand-in denied, with no disagreement.
 */
class IamJudgeAgreementTest {
    private static final String SPOKE = "222222222222";
    private static final String SPOKE_STACK = "servicecatalog-puppet-spoke";
    private static final Pattern DENIED =
            Pattern.compile("DENIED \\[(identity|trust)] (\\S+)(?: ->)? (\\S+) on (\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @BeforeEach
    void judgeInstalled() {
        IamJudge.requireInstalled();
    }

    @Test
    void shouldDenyWhatTheStandInDeniedWhenAStatementIsRemoved() throws Exception {
        String removed = "Portfolios"; // portfolio lookups and sharing: the first calls of a deploy
        List<String> removedActions = PuppetRolePermissions.grants().stream()
                .filter(g -> g.sid().equals(removed))
                .flatMap(g -> g.actions().stream())
                .toList();
        try (Sandbox box = Sandbox.forManifest(manifest("demo"), HUB, HOME)) {
            for (String account : List.of(HUB, SPOKE, "333333333333")) {
                rebootstrap(box, account, new SpokeOptions(true, null, List.of(), false));
                updateSpokeStack(box, account, role -> {
                    ArrayNode statements = (ArrayNode) role.at("/Policies/0/PolicyDocument/Statement");
                    for (int i = statements.size() - 1; i >= 0; i--) {
                        if (statements.get(i).path("Sid").asText().equals(removed)) {
                            statements.remove(i);
                        }
                    }
                });
            }

            Set<String> denied = judgedLikeTheStandIn(box, "without-" + removed, List.of());

            assertThat(denied).allSatisfy(d -> assertThat(removedActions).contains(d.split(" ")[2]));
        }
    }

    @Test
    void shouldDenyWhatTheStandInDeniedForAPermissionBoundary() throws Exception {
        String boundary = "arn:aws:iam::" + HUB + ":policy/puppet-boundary";
        String document = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"NotAction\":\"lambda:InvokeFunction\",\"Resource\":\"*\"}]}";
        Path policies = Files.writeString(tmp.resolve("policies.json"), "{\"" + boundary + "\":" + document + "}");
        try (Sandbox box = Sandbox.forManifest(manifest("demo"), HUB, HOME)) {
            box.iam().putManagedPolicy(boundary, document);
            rebootstrap(box, HUB, new SpokeOptions(false, boundary, List.of(), false));

            Set<String> denied = judgedLikeTheStandIn(box, "boundary", List.of("--policies", policies.toString()));

            assertThat(denied).allMatch(d -> d.contains(" lambda:InvokeFunction "));
        }
    }

    @Test
    void shouldDenyWhatTheStandInDeniedForAnExplicitDeny() throws Exception {
        try (Sandbox box = Sandbox.forManifest(manifest("demo"), HUB, HOME)) {
            updateSpokeStack(
                    box,
                    SPOKE,
                    role -> role.withArray("Policies")
                            .addObject()
                            .put("PolicyName", "no-provisioning")
                            .putObject("PolicyDocument")
                            .put("Version", "2012-10-17")
                            .putArray("Statement")
                            .addObject()
                            .put("Effect", "Deny")
                            .put("Action", "servicecatalog:Provision*")
                            .put("Resource", "*"));

            Set<String> denied = judgedLikeTheStandIn(box, "explicit-deny", List.of());

            assertThat(denied)
                    .allMatch(d -> d.contains(":" + SPOKE + ":role/") && d.contains(" servicecatalog:Provision"));
        }
    }

    @Test
    void shouldDenyWhatTheStandInDeniedWhenTheTrustNamesOtherHubPrincipals() throws Exception {
        try (Sandbox box = Sandbox.forManifest(manifest("demo"), HUB, HOME)) {
            rebootstrap(
                    box,
                    SPOKE,
                    new SpokeOptions(false, null, List.of("arn:aws:iam::" + HUB + ":role/ci/release-runner"), false));

            Set<String> denied = judgedLikeTheStandIn(box, "other-hub-principals", List.of());

            assertThat(denied)
                    .allMatch(d -> d.startsWith("trust ") && d.contains(":role/servicecatalog-puppet/jenkins-agent"));
        }
    }

    /**
     * Deploys the demo (which must fail), writes the recording and runs the judge over it: its denials must equal the
     * stand-in's, with no disagreement, no unknown role, nothing it cannot judge. Returns the denials ("kind principal
     * action resource").
     */
    private Set<String> judgedLikeTheStandIn(Sandbox box, String name, List<String> judgeOptions) throws Exception {
        RunSummary run = deploy(box, manifest("demo"), tmp.resolve("cache-" + name));
        assertThat(run.outcome()).isEqualTo(RunOutcome.TASK_FAILURES);
        Set<String> deniedByStandIn = box.iam().decisions().stream()
                .filter(d -> d.standInDecision().equals("Deny"))
                .map(d -> d.kind() + " " + d.principalArn() + " " + d.action() + " " + d.resource())
                .collect(Collectors.toSet());
        Path recording = IamJudge.RECORDINGS.resolve("demo-" + name);
        IamJudge.write(box, recording);

        IamJudge.Verdict v = IamJudge.run(judgeOptions, recording);

        IamJudge.Summary s = v.summary(recording.getFileName().toString());
        assertThat(v.exit()).isEqualTo(1);
        assertThat(s.disagreements()).isZero();
        assertThat(s.unknownRoles()).isZero();
        assertThat(s.notJudgeable()).isZero();
        Set<String> deniedByJudge = v.lines().stream()
                .map(DENIED::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1) + " " + m.group(2) + " " + m.group(3) + " " + m.group(4))
                .collect(Collectors.toSet());
        assertThat(deniedByJudge).isNotEmpty().isEqualTo(deniedByStandIn).hasSize(s.denials());
        return deniedByJudge;
    }

    /** bootstrap-spoke run again in an account, by that account's own caller, with other options. */
    private static void rebootstrap(Sandbox box, String account, SpokeOptions options) throws Exception {
        try (AwsClients caller = callerOf(box, account)) {
            new Bootstrap(caller).spoke(HUB, HOME, options);
        }
    }

    /** The account's spoke stack updated through CloudFormation, with the PuppetRole's properties changed. */
    private static void updateSpokeStack(Sandbox box, String account, Consumer<ObjectNode> change) throws Exception {
        ObjectNode template = (ObjectNode) JSON.readTree(box.standIn()
                .cloudFormation()
                .stacks(account, HOME)
                .get(SPOKE_STACK)
                .template());
        change.accept((ObjectNode) template.at("/Resources/PuppetRole/Properties"));
        try (AwsClients caller = callerOf(box, account)) {
            caller.cloudFormation(null, HOME)
                    .updateStack(r -> r.stackName(SPOKE_STACK)
                            .templateBody(template.toString())
                            .capabilities(Capability.CAPABILITY_NAMED_IAM));
        }
    }

    private static AwsClients callerOf(Sandbox box, String account) {
        return new AwsClients(
                SpokeBootstraps.callerSettings(box.clients().settings(), Sandbox.ACCESS_KEY_PREFIX, account));
    }
}
