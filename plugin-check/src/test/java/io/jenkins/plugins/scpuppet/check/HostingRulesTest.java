package io.jenkins.plugins.scpuppet.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The plugin POM against the rules jenkinsci hosting applies before it creates the repository (the REQUIRED checks of
 * jenkins-infra/repository-permissions-updater's hosting MavenVerifier that need no network): the parent's groupId,
 * the baseline property and the BOM named after it, no developers, a license, an https SCM block with a tag, no
 * compiler properties, strict bundling and the commons-lang 2 ban, and no version on a plugin the BOM manages.
 */
class HostingRulesTest {
    private final Element pom = Repo.pom("plugin/pom.xml");
    private final Map<String, String> properties = Repo.properties(pom);

    @Test
    void theParentAndTheBaselineAreTheOnesHostingExpects() {
        assertThat(Xml.path(pom, "parent", "groupId").map(e -> e.getTextContent().trim()))
                .contains("org.jenkins-ci.plugins");
        assertThat(properties).containsKey("jenkins.baseline");
        assertThat(properties.get("jenkins.version")).isEqualTo("${jenkins.baseline}.3");
        List<String> boms = Xml.children(
                        Xml.path(pom, "dependencyManagement", "dependencies").orElseThrow(), "dependency")
                .stream()
                .filter(d -> Xml.childText(d, "groupId").orElse("").equals("io.jenkins.tools.bom"))
                .map(d -> Xml.childText(d, "artifactId").orElse(""))
                .toList();
        assertThat(boms).containsExactly("bom-${jenkins.baseline}.x");
    }

    @Test
    void theMetadataBlocksAreThereAndHttps() {
        assertThat(Xml.child(pom, "developers")).as("hosting takes developers from the repository").isEmpty();
        assertThat(Xml.path(pom, "licenses", "license")).isPresent();
        Element scm = Xml.child(pom, "scm").orElseThrow();
        assertThat(Xml.childText(scm, "connection")).hasValueSatisfying(c -> assertThat(c)
                .startsWith("scm:git:https://"));
        assertThat(Xml.childText(scm, "developerConnection")).isPresent();
        assertThat(Xml.childText(scm, "url")).isPresent();
        assertThat(Xml.childText(scm, "tag")).contains("${scmTag}");
        for (String block : List.of("repositories", "pluginRepositories")) {
            Xml.child(pom, block).stream()
                    .flatMap(b -> Xml.children(b, block.substring(0, block.length() - 3) + "y").stream())
                    .forEach(r -> assertThat(Xml.childText(r, "url")).hasValueSatisfying(u -> assertThat(u)
                            .startsWith("https://")));
        }
    }

    @Test
    void thePropertiesAreTheRequiredOnes() {
        assertThat(properties)
                .doesNotContainKeys("java.level", "maven.compiler.source", "maven.compiler.target",
                        "maven.compiler.release")
                .containsEntry("hpi.strictBundledArtifacts", "true")
                .containsEntry("ban-commons-lang-2.skip", "false");
    }

    @Test
    void pluginDependenciesTakeTheirVersionFromTheBom() {
        Element deps = Xml.child(pom, "dependencies").orElseThrow();
        List<String> versioned = Xml.children(deps, "dependency").stream()
                .filter(d -> {
                    String group = Xml.childText(d, "groupId").orElse("");
                    return group.startsWith("org.jenkins-ci.plugins") || group.equals("io.jenkins.plugins")
                            || group.startsWith("io.jenkins.plugins.aws-java-sdk2");
                })
                .filter(d -> Xml.child(d, "version").isPresent())
                .map(d -> Xml.childText(d, "artifactId").orElse("?"))
                .toList();
        assertThat(versioned).as("plugins with a version of their own").isEmpty();
    }
}
