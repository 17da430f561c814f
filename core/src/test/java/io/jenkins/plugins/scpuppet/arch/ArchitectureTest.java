package io.jenkins.plugins.scpuppet.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module wall and package directions drawn in docs/architecture.md. */
class ArchitectureTest {
    private static final String ROOT = "io.jenkins.plugins.scpuppet";
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void coreNeverUsesJenkinsHudsonOrStapler() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("hudson..", "jenkins..", "org.kohsuke.stapler..", "org.jenkinsci..")
                .check(CORE);
    }

    @Test
    void engineDependsOnNoOtherProjectPackage() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        ROOT + ".manifest..",
                        ROOT + ".tasks..",
                        ROOT + ".report..",
                        ROOT + ".aws..",
                        ROOT + ".mirror..",
                        ROOT + ".config..")
                .check(CORE);
    }

    @Test
    void manifestKnowsNothingOfTasksOrAws() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".manifest..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".tasks..", ROOT + ".aws..", ROOT + ".mirror..", ROOT + ".report..")
                .allowEmptyShould(true)
                .check(CORE);
    }

    @Test
    void reportOnlyReadsEngineResults() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".report..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".manifest..", ROOT + ".tasks..", ROOT + ".aws..", ROOT + ".mirror..")
                .check(CORE);
    }

    @Test
    void mirrorAndConfigStayLow() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".mirror..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        ROOT + ".manifest..",
                        ROOT + ".tasks..",
                        ROOT + ".aws..",
                        ROOT + ".deploy..",
                        ROOT + ".bootstrap..",
                        ROOT + ".config..")
                .check(CORE);
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".config..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        ROOT + ".engine..",
                        ROOT + ".manifest..",
                        ROOT + ".tasks..",
                        ROOT + ".aws..",
                        ROOT + ".mirror..",
                        ROOT + ".deploy..",
                        ROOT + ".bootstrap..")
                .check(CORE);
        // The launch tables read a run's journal as JSON; the CLI and the plugin's steps share them.
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".launches..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        ROOT + ".engine..",
                        ROOT + ".manifest..",
                        ROOT + ".tasks..",
                        ROOT + ".aws..",
                        ROOT + ".mirror..",
                        ROOT + ".config..",
                        ROOT + ".report..",
                        ROOT + ".deploy..",
                        ROOT + ".bootstrap..")
                .check(CORE);
    }

    @Test
    void onlyTheUseCasesSitAboveAws() {
        noClasses()
                .that()
                .resideInAnyPackage(ROOT + ".aws..", ROOT + ".tasks..", ROOT + ".manifest..", ROOT + ".engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".deploy..", ROOT + ".bootstrap..")
                .check(CORE);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CORE);
    }
}
