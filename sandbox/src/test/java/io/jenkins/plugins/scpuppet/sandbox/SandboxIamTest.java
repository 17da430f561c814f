package io.jenkins.plugins.scpuppet.sandbox;

import static io.jenkins.plugins.scpuppet.sandbox.SandboxDeploys.HOME;
import static io.jenkins.plugins.scpuppet.sandbox.SandboxDeploys.HUB;
import static io.jenkins.plugins.scpuppet.sandbox.SandboxDeploys.deploy;
import static io.jenkins.plugins.scpuppet.sandbox.SandboxDeploys.failures;
import static io.jenkins.plugins.scpuppet.sandbox.SandboxDeploys.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scpuppet.engine.RunOutcome;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import io.jenkins.plugins.scpuppet.standin.IamDecision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox deploys of the demo, spoke and large manifests with the stand-in enforcing IAM on every call made
 * through a PuppetRole, as bootstrap made it. Each writes the stand-in's recording to target/iam-recordings/NAME and
 * has the independent judge (node, {@code @cloud-copilot/iam-simulate}) re-evaluate every call against the templates
 * the stand-in holds: no denial, no role it does not know, no call where the two disagree. The judge's summary line
 * goes to stdout, so it is in the CI log. One deploy per manifest serves both checks: the large one is the suite's
 * slowest test.
 */
class SandboxIamTest {
    private static final Path RECORDINGS = Path.of("target", "iam-recordings");

    @TempDir
    Path cache;

    private RunSummary deployRecorded(String name) throws Exception {
        try (Sandbox box = Sandbox.forManifest(manifest(name), HUB, HOME)) {
            assertThat(box.iam().enforcing()).isTrue();
            RunSummary run = deploy(box, manifest(name), cache);
            deleteRecursively(RECORDINGS.resolve(name)); // no templates left from an earlier run
            box.iam().writeRecording(RECORDINGS.resolve(name));
            List<IamDecision> decisions = box.iam().decisions();
            assertThat(decisions).as("the deploy went through the PuppetRoles").isNotEmpty();
            assertThat(decisions)
                    .as("no call was denied")
                    .allMatch(d -> d.standInDecision().equals("Allow"));
            assertThat(decisions)
                    .filteredOn(d -> d.kind().equals("identity"))
                    .allMatch(d -> d.principalArn().endsWith(":role/servicecatalog-puppet/PuppetRole"));
            judge(name, decisions.size());
            return run;
        }
    }

    @Test
    void shouldDeployTheDemoWithIamEnforced() throws Exception {
        RunSummary run = deployRecorded("demo");

        assertThat(run.outcome()).as(failures(run)).isEqualTo(RunOutcome.SUCCESS);
        assertThat(Files.readAllLines(RECORDINGS.resolve("demo/calls.jsonl")))
                .anyMatch(l -> l.contains("\"kind\":\"trust\"") && l.contains("jenkins-agent"))
                .anyMatch(l -> l.contains("\"action\":\"ec2:CreateVpc\"")); // provisioning without a launch role
        assertThat(RECORDINGS.resolve("demo/stacks/222222222222/" + HOME + "/servicecatalog-puppet-spoke.json"))
                .exists();
    }

    @Test
    void shouldDeployTheSpokeManifestWithIamEnforced() throws Exception {
        RunSummary run = deployRecorded("spoke");

        assertThat(run.outcome()).as(failures(run)).isEqualTo(RunOutcome.SUCCESS);
        assertThat(run.tasks())
                .filteredOn(t -> t.key().family().equals("RunDeployInSpokeTask"))
                .hasSize(2)
                .allMatch(t -> t.status() == TaskStatus.EXECUTED);
    }

    /** The one large sandbox deploy of the test suite (100 accounts x 4 regions, about 18,500 tasks). */
    @Test
    void shouldDeployTheLargeManifestWithIamEnforced() throws Exception {
        RunSummary run = deployRecorded("large");

        assertThat(run.outcome()).as(failures(run)).isEqualTo(RunOutcome.SUCCESS);
        assertThat(run.tasks()).hasSizeGreaterThan(18_000);
    }

    /**
     * Removing one statement from the PuppetRole's policy makes the demo deploy fail with AccessDenied naming that
     * action, and nothing else. The policy is the demo's own least privilege: one statement per action a first deploy
     * was allowed (under AdministratorAccess), so every other task still has what it needs.
     */
    @Test
    void shouldFailTheDemoWithAccessDeniedNamingTheActionOfTheStatementRemoved() throws Exception {
        Set<String> used = new TreeSet<>();
        try (Sandbox first = Sandbox.forManifest(manifest("demo"), HUB, HOME)) {
            RunSummary run = deploy(first, manifest("demo"), cache.resolve("first"));
            assertThat(run.outcome()).as(failures(run)).isEqualTo(RunOutcome.SUCCESS);
            first.iam().decisions().stream()
                    .filter(d -> d.kind().equals("identity"))
                    .forEach(d -> used.add(d.action()));
        }
        String removed = "ssm:PutParameter"; // the demo's SSM outputs (baseline-vpc's VpcId)
        assertThat(used).contains(removed).hasSizeGreaterThan(10);

        try (Sandbox box = Sandbox.forManifest(manifest("demo"), HUB, HOME)) {
            String policy = policy(used.stream().filter(a -> !a.equals(removed)).toList());
            for (String account : List.of(HUB, "222222222222", "333333333333")) {
                box.iam()
                        .setRolePolicies(account, "PuppetRole", java.util.Map.of("least-privilege", policy), List.of());
            }
            RunSummary run = deploy(box, manifest("demo"), cache.resolve("second"));

            assertThat(run.outcome()).isEqualTo(RunOutcome.TASK_FAILURES);
            assertThat(run.tasks())
                    .filteredOn(SandboxDeploys::failed)
                    .isNotEmpty()
                    .allSatisfy(t -> {
                        assertThat(t.errorCode()).isEqualTo("AccessDeniedException");
                        assertThat(t.errorMessage())
                                .contains(":assumed-role/PuppetRole/")
                                .contains("is not authorized to perform: " + removed + " on resource: arn:aws:ssm:")
                                .endsWith("because no identity-based policy allows the " + removed + " action");
                    });
        }
    }

    /**
     * The third-party check of the recording just written. Without node or the judge's node_modules it is left out
     * with a message, or fails when CI is set ({@code .ci/run} installs the judge); the deploy's own assertions stand.
     */
    private static void judge(String name, int decisions) throws Exception {
        if (!IamJudge.installed()) {
            return;
        }
        Path recording = RECORDINGS.resolve(name);
        IamJudge.Verdict v = IamJudge.run(recording);
        System.out.printf(
                "SandboxIamTest %s: %d distinct calls recorded, judge %.1f s (node start included)%n",
                name, decisions, v.millis() / 1000.0);
        IamJudge.Summary s = v.summary(name);
        assertThat(s.line()).contains(" 0 denials,");
        assertThat(s.unknownRoles()).isZero();
        assertThat(s.notJudgeable()).isZero();
        assertThat(s.disagreements()).isZero();
        assertThat(v.exit()).as(String.join("\n", v.lines())).isZero();
        assertThat(s.calls()).isEqualTo(decisions).isPositive();
        // Both sides were judged: the PuppetRoles' trust (AssumeRole) and what the sessions did with them.
        assertThat(Files.readAllLines(recording.resolve("calls.jsonl")))
                .anyMatch(l -> l.contains("\"kind\":\"trust\""))
                .anyMatch(l -> l.contains("\"kind\":\"identity\""));
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** One Allow statement per action, on every resource. */
    private static String policy(List<String> actions) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":["
                + actions.stream()
                        .map(a -> "{\"Effect\":\"Allow\",\"Action\":\"" + a + "\",\"Resource\":\"*\"}")
                        .collect(Collectors.joining(","))
                + "]}";
    }
}
