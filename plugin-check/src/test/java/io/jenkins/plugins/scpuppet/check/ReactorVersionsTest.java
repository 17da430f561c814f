package io.jenkins.plugins.scpuppet.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * One CI-friendly version for the whole reactor and the plugin: on ci.jenkins.io the changelist extension sets
 * {@code changelist} for every module at once, so the plugin and the core it bundles share a release-looking version
 * (the plugin POM's requireReleaseDeps refuses a SNAPSHOT sibling in a release).
 */
class ReactorVersionsTest {
    private static final String CI_FRIENDLY = "${revision}.${changelist}";
    private static final List<String> MODULES = List.of(
            "aws-standin", "core", "sandbox", "cli", "jenkins-shim", "plugin-check", "ui-tests", "benchmarks");

    @Test
    void everyModuleAndThePluginUseRevisionDotChangelist() {
        Element root = Repo.pom("pom.xml");
        Element plugin = Repo.pom("plugin/pom.xml");
        assertThat(Xml.childText(root, "version")).contains(CI_FRIENDLY);
        assertThat(Xml.childText(plugin, "version")).contains(CI_FRIENDLY);
        for (String module : MODULES) {
            Element pom = Repo.pom(module + "/pom.xml");
            assertThat(Xml.path(pom, "parent", "version").map(e -> e.getTextContent().trim()))
                    .as(module)
                    .contains(CI_FRIENDLY);
            assertThat(Xml.child(pom, "version")).as(module + " inherits its version").isEmpty();
        }
        for (String property : List.of("revision", "changelist")) {
            assertThat(Repo.properties(plugin).get(property))
                    .as(property)
                    .isEqualTo(Repo.properties(root).get(property));
        }
        assertThat(Repo.reactorVersion()).isEqualTo("1.999999-SNAPSHOT");
    }

    @Test
    void thePluginDependsOnCoreAtItsOwnVersion() {
        Element deps = Xml.child(Repo.pom("plugin/pom.xml"), "dependencies").orElseThrow();
        List<String> versions = Xml.children(deps, "dependency").stream()
                .filter(d -> Xml.childText(d, "groupId").orElse("").equals("io.jenkins.plugins.scpuppet"))
                .map(d -> Xml.childText(d, "version").orElse(""))
                .distinct()
                .toList();
        assertThat(versions).containsExactly("${project.version}");
    }

    @Test
    void thePomsCarryTheMetadataAReleaseNeeds() {
        for (String pom : List.of("pom.xml", "plugin/pom.xml")) {
            Element project = Repo.pom(pom);
            assertThat(Xml.childText(project, "url"))
                    .as(pom)
                    .contains("https://github.com/jenkinsci/service-catalog-puppet-plugin");
            assertThat(Xml.path(project, "licenses", "license", "name").map(e -> e.getTextContent().trim()))
                    .as(pom)
                    .contains("MIT License");
            assertThat(Xml.path(project, "scm", "tag").map(e -> e.getTextContent().trim()))
                    .as(pom)
                    .contains("${scmTag}");
        }
        assertThat(Repo.read(Repo.file("LICENSE")))
                .startsWith("The MIT License")
                .contains("Copyright (c) 2026 Service Catalog Puppet for Jenkins contributors");
    }
}
