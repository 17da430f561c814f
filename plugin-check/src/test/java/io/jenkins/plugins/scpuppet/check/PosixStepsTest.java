package io.jenkins.plugins.scpuppet.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * No build step that needs a POSIX shell or a tool ci.jenkins.io's agents may lack runs unguarded: the CLI's
 * class-data-sharing run (bin/puppet, a sh script) only on unix, the IAM judge's npm install never with
 * -Dset.changelist. JenkinsfileBuildTest runs the ci.jenkins.io reactor to package and sees neither.
 */
class PosixStepsTest {
    private static final List<String> POMS = List.of(
            "pom.xml",
            "aws-standin/pom.xml",
            "core/pom.xml",
            "sandbox/pom.xml",
            "cli/pom.xml",
            "jenkins-shim/pom.xml",
            "plugin-check/pom.xml",
            "ui-tests/pom.xml",
            "benchmarks/pom.xml");

    @Test
    void theCliRunsBinPuppetOnlyOnUnix() {
        Element profile = profileRunning("cli/pom.xml", "bin/puppet").orElseThrow();
        assertThat(Xml.path(profile, "activation", "os", "family").map(e -> e.getTextContent().trim()))
                .contains("unix");
    }

    @Test
    void theSandboxRunsNpmOnlyWithoutSetChangelist() {
        Element profile = profileRunning("sandbox/pom.xml", "npm").orElseThrow();
        assertThat(Xml.path(profile, "activation", "property", "name").map(e -> e.getTextContent().trim()))
                .contains("!set.changelist");
    }

    @Test
    void noPomRunsAnExternalProgramOutsideAGuardedProfile() {
        List<String> unguarded = new ArrayList<>();
        for (String pom : POMS) {
            Element project = Repo.pom(pom);
            Xml.path(project, "build", "plugins").ifPresent(plugins -> Xml.children(plugins, "plugin").stream()
                    .map(p -> Xml.childText(p, "artifactId").orElse(""))
                    .filter(a -> a.equals("exec-maven-plugin") || a.equals("maven-antrun-plugin"))
                    .forEach(a -> unguarded.add(pom + ": " + a)));
        }
        assertThat(unguarded).isEmpty();
    }

    /** The profile of {@code pom} whose exec-maven-plugin runs an executable containing {@code executable}. */
    private static Optional<Element> profileRunning(String pom, String executable) {
        Element profiles = Xml.child(Repo.pom(pom), "profiles").orElseThrow();
        return Xml.children(profiles, "profile").stream()
                .filter(p -> p.getElementsByTagName("executable").getLength() > 0)
                .filter(p -> p.getElementsByTagName("executable")
                        .item(0)
                        .getTextContent()
                        .contains(executable))
                .findFirst();
    }
}
