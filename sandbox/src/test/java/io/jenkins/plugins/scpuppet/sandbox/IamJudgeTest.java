package io.jenkins.plugins.scpuppet.sandbox;

import static io.jenkins.plugins.scpuppet.sandbox.SandboxDeploys.HOME;
import static io.jenkins.plugins.scpuppet.sandbox.SandboxDeploys.HUB;
import static io.jenkins.plugins.scpuppet.sandbox.SandboxDeploys.deploy;
import static io.jenkins.plugins.scpuppet.sandbox.SandboxDeploys.failures;
import static io.jenkins.plugins.scpuppet.sandbox.SandboxDeploys.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scpuppet.engine.RunOutcome;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #17's third-party check: the sandbox deploys of the demo, spoke and large manifests, with the stand-in
 * enforcing IAM, record every call made through a role; the IAM judge (node, {@code @cloud-copilot/iam-simulate})
 * re-evaluates each against the templates the stand-in holds and must find no denial, no role it does not know, and
 * no call where it and the stand-in disagree. Its summary line goes to stdout, so it is in the CI log. The recordings
 * stay in {@code sandbox/target/iam-judge/}.
 */
class IamJudgeTest {
    static final Path RECORDINGS = Path.of("target", "iam-judge").toAbsolutePath();

    @TempDir
    Path cache;

    @BeforeEach
    void judgeInstalled() {
        IamJudge.requireInstalled();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"demo", "spoke", "large"})
    void shouldFindNoDenialInTheCallsOfTheSandboxDeploy(String name) throws Exception {
        Path recording = RECORDINGS.resolve(name);
        long deployStarted = System.nanoTime();
        try (Sandbox box = Sandbox.forManifest(manifest(name), HUB, HOME)) {
            assertThat(box.iam().enforcing()).isTrue();
            RunSummary run = deploy(box, manifest(name), cache);
            assertThat(run.outcome()).as(failures(run)).isEqualTo(RunOutcome.SUCCESS);
            write(box, recording);
        }
        long deployMillis = (System.nanoTime() - deployStarted) / 1_000_000;
        List<String> calls = Files.readAllLines(recording.resolve("calls.jsonl"));

        IamJudge.Verdict v = IamJudge.run(recording);

        System.out.printf(
                "IamJudgeTest %s: sandbox deploy %.1f s, %d distinct calls recorded, judge %.1f s (node start included)%n",
                name, deployMillis / 1000.0, calls.size(), v.millis() / 1000.0);
        IamJudge.Summary s = v.summary(name);
        assertThat(s.line()).contains(" 0 denials,");
        assertThat(s.unknownRoles()).isZero();
        assertThat(s.notJudgeable()).isZero();
        assertThat(s.disagreements()).isZero();
        assertThat(v.exit()).as(String.join("\n", v.lines())).isZero();
        assertThat(s.calls()).isEqualTo(calls.size()).isPositive();
        // Both sides were judged: the PuppetRoles' trust (AssumeRole) and what the sessions did with them.
        assertThat(calls)
                .anyMatch(l -> l.contains("\"kind\":\"trust\""))
                .anyMatch(l -> l.contains("\"kind\":\"identity\""));
    }

    static void write(Sandbox box, Path recording) throws Exception {
        if (Files.exists(recording)) {
            try (Stream<Path> files = Files.walk(recording)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        box.iam().writeRecording(recording);
    }
}
