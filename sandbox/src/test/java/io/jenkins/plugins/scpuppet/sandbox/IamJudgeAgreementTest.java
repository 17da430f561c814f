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
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.model.Capability;

/**
 * The judge and the stand-in deny the same calls when the policy really lacks something: every account's spoke stack
 * is bootstrapped in least-privilege mode and then updated, through CloudFormation, with one statement of the
 * PuppetRole's policy removed, so the templates the judge reads are the policies the stand-in enforced.
 */
class IamJudgeAgreementTest {
    private static final String SPOKE_STACK = "servicecatalog-puppet-spoke";
    private static final String REMOVED_SID = "Portfolios"; // portfolio lookups and sharing: the first calls of a deploy
    private static final Pattern DENIED =
            Pattern.compile("DENIED \\[(identity|trust)] (\\S+)(?: ->)? (\\S+) on (\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path cache;

    @BeforeEach
    void judgeInstalled() {
        IamJudge.requireInstalled();
    }

    @Test
    void shouldDenyExactlyTheCallsTheStandInDeniedWhenAStatementIsRemoved() throws Exception {
        Path recording = IamJudgeTest.RECORDINGS.resolve("demo-without-" + REMOVED_SID);
        Set<String> deniedByStandIn;
        try (Sandbox box = Sandbox.forManifest(manifest("demo"), HUB, HOME)) {
            for (String account : List.of(HUB, "222222222222", "333333333333")) {
                leastPrivilegeWithoutOneStatement(box, account);
            }
            RunSummary run = deploy(box, manifest("demo"), cache);
            assertThat(run.outcome()).isEqualTo(RunOutcome.TASK_FAILURES);
            deniedByStandIn = box.iam().decisions().stream()
                    .filter(d -> d.standInDecision().equals("Deny"))
                    .map(d -> d.kind() + " " + d.principalArn() + " " + d.action() + " " + d.resource())
                    .collect(Collectors.toSet());
            IamJudgeTest.write(box, recording);
        }

        IamJudge.Verdict v = IamJudge.run(recording);

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
        assertThat(deniedByJudge).isEqualTo(deniedByStandIn).hasSize(s.denials());
        List<String> removedActions = PuppetRolePermissions.grants().stream()
                .filter(g -> g.sid().equals(REMOVED_SID))
                .flatMap(g -> g.actions().stream())
                .toList();
        assertThat(deniedByJudge)
                .isNotEmpty()
                .allSatisfy(d -> assertThat(removedActions).contains(d.split(" ")[2]));
    }

    /** bootstrap-spoke --least-privilege in the account, then the stack updated without one policy statement. */
    private static void leastPrivilegeWithoutOneStatement(Sandbox box, String account) throws Exception {
        try (AwsClients caller = new AwsClients(
                SpokeBootstraps.callerSettings(box.clients().settings(), Sandbox.ACCESS_KEY_PREFIX, account))) {
            new Bootstrap(caller).spoke(HUB, HOME, new SpokeOptions(true, null, List.of(), false));
            ObjectNode template = (ObjectNode) JSON.readTree(box.standIn()
                    .cloudFormation()
                    .stacks(account, HOME)
                    .get(SPOKE_STACK)
                    .template());
            ArrayNode statements = (ArrayNode) template.at("/Resources/PuppetRole/Properties/Policies/0/PolicyDocument/Statement");
            int before = statements.size();
            for (int i = statements.size() - 1; i >= 0; i--) {
                if (statements.get(i).path("Sid").asText().equals(REMOVED_SID)) {
                    statements.remove(i);
                }
            }
            assertThat(statements).hasSize(before - 1);
            caller.cloudFormation(null, HOME)
                    .updateStack(r -> r.stackName(SPOKE_STACK)
                            .templateBody(template.toString())
                            .capabilities(Capability.CAPABILITY_NAMED_IAM));
        }
    }
}
