package io.jenkins.plugins.scpuppet.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * The Maven command the Jenkinsfile's buildPlugin produces on ci.jenkins.io, run here for real (offline, phase
 * validate or package) on a clean copy of the build files: it must put the plugin module into the reactor, which the
 * plain build of .ci/run must not.
 */
class JenkinsfileBuildTest {
    private static final String PLUGIN = "io.jenkins.plugins:service-catalog-puppet";
    private static final String LIBRARY = "io.jenkins.plugins.scpuppet:service-catalog-puppet-";

    @TempDir
    Path dir;

    @Test
    void theJenkinsfileUsesBuildPluginOnLinuxAndWindowsWithNoIgnoredArguments() {
        String jenkinsfile = Repo.read(Repo.file("Jenkinsfile"));
        assertThat(jenkinsfile).contains("buildPlugin(").doesNotContain("extraMavenArgs");
        assertThat(jenkinsfile)
                .containsPattern("\\[platform: 'linux', jdk: 25]")
                .containsPattern("\\[platform: 'windows', jdk: 21]");
    }

    @Test
    void buildPluginTreatsTheRepositoryAsIncrementalsAndPassesSetChangelist() {
        assertThat(BuildPluginCommand.incrementals(Repo.root())).isTrue();
        assertThat(BuildPluginCommand.arguments(Repo.root(), true))
                .contains("-Dset.changelist", "-Penable-jacoco", "clean", "install");
        assertThat(BuildPluginCommand.arguments(Repo.root(), false))
                .contains("-Dset.changelist")
                .doesNotContain("-Penable-jacoco");
    }

    @Test
    void theCiJenkinsIoCommandPutsThePluginModuleIntoTheReactor() {
        ReactorCopy.create(dir);
        List<String> args = new ArrayList<>(ciArguments(true));
        args.add("validate");
        NestedMaven.Result result = NestedMaven.run(dir, args, true);
        if (result.exitCode() == 0) {
            // A machine that has the Jenkins plugin parent POM: the plugin is read and built.
            assertThat(ReactorCopy.projectsBuilt(result.output())).as(result.toString()).contains(PLUGIN);
        } else {
            // Here the plugin's parent (repo.jenkins-ci.org) cannot resolve, and Maven fails reading that very POM.
            String parentVersion = Xml.path(Repo.pom("plugin/pom.xml"), "parent", "version")
                    .orElseThrow()
                    .getTextContent()
                    .trim();
            assertThat(result.output())
                    .as(result.toString())
                    .containsPattern(Pattern.quote("The project " + PLUGIN + ":") + "\\S+ "
                            + Pattern.quote("(" + dir.resolve("plugin/pom.xml") + ") has 1 error"))
                    .containsPattern(Pattern.quote("Non-resolvable parent POM for " + PLUGIN + ":") + ".*"
                            + Pattern.quote("org.jenkins-ci.plugins:plugin:pom:" + parentVersion));
        }
    }

    @Test
    void onCiJenkinsIoTheReactorIsTheLibraryAndThePluginWithNoPosixStepAndLibraryTestsSkipped() {
        ReactorCopy.create(dir);
        // The plugin's coordinates without its Jenkins parent, so the rest of the reactor can run to package.
        ReactorCopy.replace(dir, "plugin/pom.xml", """
                <project>
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.jenkins.plugins</groupId>
                  <artifactId>service-catalog-puppet</artifactId>
                  <version>${revision}.${changelist}</version>
                  <packaging>pom</packaging>
                  <properties><revision>1</revision><changelist>999999-SNAPSHOT</changelist></properties>
                </project>
                """);
        // The Windows leg's arguments: they differ from the Linux leg's only by -Penable-jacoco, a profile of the
        // Jenkins plugin POM that no POM of this reactor defines (checked below), so one run stands for both.
        List<String> linux = ciArguments(true);
        List<String> windows = ciArguments(false);
        assertThat(linux).containsAll(windows);
        assertThat(linux.stream().filter(a -> !windows.contains(a))).containsExactly("-Penable-jacoco");
        for (String pom : List.of("pom.xml", "aws-standin/pom.xml", "core/pom.xml", "sandbox/pom.xml")) {
            assertThat(Repo.read(Repo.file(pom))).as(pom).doesNotContain("enable-jacoco");
        }
        List<String> args = new ArrayList<>(windows);
        args.add("package");
        NestedMaven.Result result = NestedMaven.run(dir, args, true);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(ReactorCopy.projectsBuilt(result.output()))
                .as(result.toString())
                .containsExactly(
                        LIBRARY + "parent", LIBRARY + "aws-standin", LIBRARY + "core", LIBRARY + "sandbox", PLUGIN);
        // The library's tests run in .ci/run; here they are skipped, and nothing runs npm or bin/puppet.
        assertThat(Pattern.compile("Tests are skipped\\.").matcher(result.output()).results())
                .as(result.toString())
                .hasSize(3);
        assertThat(result.output()).doesNotContain("exec-maven-plugin").doesNotContain("npm");
    }

    @Test
    void thePlainBuildOfCiRunLeavesThePluginOut() {
        ReactorCopy.create(dir);
        List<String> args = new ArrayList<>(ciRunMavenOptions());
        args.add("validate");
        NestedMaven.Result result = NestedMaven.run(dir, args, true);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(ReactorCopy.projectsBuilt(result.output()))
                .as(result.toString())
                .contains(LIBRARY + "core", LIBRARY + "cli", LIBRARY + "plugin-check", LIBRARY + "ui-tests")
                .doesNotContain(PLUGIN);
    }

    @Test
    void thePluginPomRunsEveryITestUnderSurefiresDefaults() {
        Element plugin = Repo.pom("plugin/pom.xml");
        // Its parent is the Jenkins plugin POM, so the root's `jenkins` profile (which skips the library's tests)
        // never reaches it, and nothing in it skips or excludes tests.
        assertThat(Xml.path(plugin, "parent", "groupId").orElseThrow().getTextContent().trim())
                .isEqualTo("org.jenkins-ci.plugins");
        String text = Repo.read(Repo.file("plugin/pom.xml")).replaceAll("(?s)<!--.*?-->", "");
        assertThat(text)
                .doesNotContain("skipTests")
                .doesNotContain("maven.test.skip")
                .doesNotContain("<skip>")
                .doesNotContain("ITest")
                .doesNotContain("<excludes>")
                .doesNotContain("<testExcludes>")
                .doesNotContain("maven-surefire-plugin");
        List<String> itests = PluginTests.itests();
        assertThat(itests).isNotEmpty();
        assertThat(itests).allSatisfy(f -> assertThat(PluginTests.matchesSurefireDefaultIncludes(f))
                .as(f)
                .isTrue());
    }

    /** buildPlugin's arguments as run here: offline, without clean/install/help:evaluate. */
    private static List<String> ciArguments(boolean unix) {
        return BuildPluginCommand.forLocalRun(BuildPluginCommand.arguments(Repo.root(), unix));
    }

    /** The options of the Maven command in .ci/run (`mvn -B -ntp verify`), without its phase. */
    private static List<String> ciRunMavenOptions() {
        Matcher m = Pattern.compile("(?m)^mvn (.+)$").matcher(Repo.read(Repo.file(".ci/run")));
        assertThat(m.find()).as(".ci/run runs mvn").isTrue();
        return Arrays.stream(m.group(1).trim().split("\\s+"))
                .filter(a -> a.startsWith("-"))
                .toList();
    }
}
