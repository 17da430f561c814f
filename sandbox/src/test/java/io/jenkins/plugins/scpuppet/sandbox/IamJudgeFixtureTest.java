package io.jenkins.plugins.scpuppet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IAM judge can fail: on hand-written recordings it reports exactly the calls that the templates' policies do not
 * allow, calls of roles no template creates, and calls where it disagrees with the stand-in.
 */
class IamJudgeFixtureTest {
    static final Path PLANTED = Path.of("..", "test-resources", "iam-recordings", "planted-denials")
            .toAbsolutePath()
            .normalize();
    static final String SPOKE_ROLE = "arn:aws:iam::222222222222:role/servicecatalog-puppet/PuppetRole";

    @TempDir
    Path tmp;

    @BeforeEach
    void judgeInstalled() {
        IamJudge.requireInstalled();
    }

    @Test
    void shouldReportExactlyThePlantedIdentityDenialAndTrustDenial() throws Exception {
        IamJudge.Verdict v = IamJudge.run(PLANTED);

        assertThat(v.exit()).isEqualTo(1);
        assertThat(v.linesStartingWith("planted-denials", "DENIED "))
                .satisfiesExactlyInAnyOrder(
                        l -> assertThat(l)
                                .contains("[identity] " + SPOKE_ROLE + " ssm:PutParameter on "
                                        + "arn:aws:ssm:eu-west-1:222222222222:parameter/servicecatalog-puppet/vpc-id")
                                .contains("no statement of the identity policy allows it"),
                        l -> assertThat(l)
                                .contains("[trust] arn:aws:iam::111111111111:role/other-team/deployer -> sts:AssumeRole"
                                        + " on " + SPOKE_ROLE)
                                .contains("no statement of the trust policy allows it"));
        IamJudge.Summary s = v.summary("planted-denials");
        assertThat(s.calls()).isEqualTo(14);
        assertThat(s.distinct()).isEqualTo(11);
        assertThat(s.denials()).isEqualTo(2);
        assertThat(s.unknownRoles()).isZero();
        assertThat(s.notJudgeable()).isZero();
        assertThat(s.disagreements()).isZero();
    }

    @Test
    void shouldFailOnARoleNoTemplateCreatesAndOnADisagreementWithTheStandIn() throws Exception {
        Path recording = copyOfPlanted("changed");
        Files.writeString(recording.resolve("calls.jsonl"), """
                {"principalArn":"arn:aws:iam::444444444444:role/servicecatalog-puppet/PuppetRole","action":"ssm:GetParameter","resource":"arn:aws:ssm:eu-west-1:444444444444:parameter/x","account":"444444444444","region":"eu-west-1","kind":"identity","context":{},"standInDecision":"Allow"}
                {"principalArn":"arn:aws:iam::333333333333:role/servicecatalog-puppet/PuppetRole","action":"lambda:InvokeFunction","resource":"arn:aws:lambda:eu-west-1:333333333333:function:f","account":"333333333333","region":"eu-west-1","kind":"identity","context":{},"standInDecision":"Allow"}
                """);

        IamJudge.Verdict v = IamJudge.run(recording);

        assertThat(v.exit()).isEqualTo(1);
        assertThat(v.linesStartingWith("changed", "UNKNOWN ROLE "))
                .singleElement()
                .asString()
                .contains(
                        "no template creates the role arn:aws:iam::444444444444:role/servicecatalog-puppet/PuppetRole");
        // AdministratorAccess capped by the fixture's boundary, which does not list Lambda.
        assertThat(v.linesStartingWith("changed", "DENIED "))
                .singleElement()
                .asString()
                .contains("lambda:InvokeFunction")
                .contains("no statement of the permission boundary allows it");
        assertThat(v.linesStartingWith("changed", "DISAGREES "))
                .singleElement()
                .asString()
                .contains("the stand-in said Allow, the judge Deny");
    }

    @Test
    void shouldRefuseToPassARecordingWithoutCalls() throws Exception {
        Path recording = copyOfPlanted("empty");
        Files.writeString(recording.resolve("calls.jsonl"), "");

        IamJudge.Verdict v = IamJudge.run(recording);

        assertThat(v.exit()).isEqualTo(1);
        assertThat(v.summary("empty").denials()).isZero();
        assertThat(v.lines()).anyMatch(l -> l.contains("the recording holds no calls"));
    }

    private Path copyOfPlanted(String name) throws Exception {
        Path target = tmp.resolve(name);
        try (Stream<Path> files = Files.walk(PLANTED)) {
            for (Path p : files.sorted(Comparator.naturalOrder()).toList()) {
                Path to = target.resolve(PLANTED.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return target;
    }
}
