package io.jenkins.plugins.scpuppet.check;

import static io.jenkins.plugins.scpuppet.check.BundleCheckReactor.BUNDLE;
import static io.jenkins.plugins.scpuppet.check.BundleCheckReactor.UNEXCLUDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * What the .hpi bundles, computed from plugin/pom.xml without the Jenkins repository: its non-plugin dependencies
 * are resolved by a real Maven (one nested run, see {@link BundleCheckReactor}) with core from the reactor.
 */
class PluginDependencySetTest {
    private static final String PLANTED = "planted";
    private static final String SDK = "software.amazon.awssdk:";

    @TempDir
    static Path dir;

    private static Element pluginPom;
    private static PluginPomDependencies.Split split;
    private static List<String> sdkVersionsReplaced;
    private static Map<String, List<Artifact>> trees;

    @BeforeAll
    static void resolve() {
        pluginPom = Repo.pom("plugin/pom.xml");
        split = PluginPomDependencies.split(pluginPom);
        String sdkVersion = Repo.properties(Repo.pom("pom.xml")).get("awssdk.version");
        BundleCheckReactor reactor = new BundleCheckReactor(dir, sdkVersion);
        reactor.project(BUNDLE, split.bundled(), false);
        reactor.project(UNEXCLUDED, split.bundled(), true);
        // The bad dependency the issue found: the sandbox at compile scope (S3Proxy, Jetty, logback, guava, slf4j).
        List<Element> planted = new ArrayList<>(split.bundled());
        planted.add(sandboxAtCompileScope());
        reactor.project(PLANTED, planted, false);
        sdkVersionsReplaced = reactor.sdkVersionsReplaced();
        trees = reactor.resolve(Repo.properties(pluginPom));
    }

    @Test
    void jenkinsPluginDependenciesAreLeftToTheirOwnPlugins() {
        assertThat(split.plugins())
                .extracting(PluginPomDependencies.LeftOut::key)
                .containsExactlyInAnyOrder(
                        "org.jenkins-ci.plugins.workflow:workflow-step-api",
                        "org.jenkins-ci.plugins:structs",
                        "org.jenkins-ci.plugins:jackson2-api",
                        "io.jenkins.plugins:echarts-api",
                        "io.jenkins.plugins.aws-java-sdk2:aws-java-sdk2-core",
                        "io.jenkins.plugins.aws-java-sdk2:aws-java-sdk2-s3",
                        "io.jenkins.plugins.aws-java-sdk2:aws-java-sdk2-cloudformation",
                        "io.jenkins.plugins.aws-java-sdk2:aws-java-sdk2-ssm",
                        "io.jenkins.plugins.aws-java-sdk2:aws-java-sdk2-lambda",
                        "io.jenkins.plugins.aws-java-sdk2:aws-java-sdk2-codebuild",
                        "io.jenkins.plugins.aws-java-sdk2:aws-java-sdk2-organizations");
        assertThat(split.plugins()).allSatisfy(left -> assertThat(left.reason())
                .isEqualTo("Jenkins plugin: Jenkins loads it from its own plugin, the .hpi never bundles it"));
        assertThat(split.notPackaged())
                .extracting(PluginPomDependencies.LeftOut::key)
                .contains(
                        "io.jenkins.plugins.scpuppet:service-catalog-puppet-sandbox",
                        "io.jenkins.plugins.scpuppet:service-catalog-puppet-aws-standin");
    }

    @Test
    void bundlesCoreAndTheSdkModulesWithoutALibraryPluginOnly() {
        List<Artifact> bundled = DependencyTree.packaged(trees.get(BUNDLE));
        assertThat(BundleRules.violations(bundled)).isEmpty();
        assertThat(bundled)
                .extracting(Artifact::key)
                .containsExactlyInAnyOrder(
                        BundleRules.CORE, SDK + "servicecatalog", SDK + "eventbridge", SDK + "kms");
        assertThat(bundled)
                .filteredOn(a -> a.groupId().equals("software.amazon.awssdk"))
                .allSatisfy(a -> assertThat(AwsJavaSdk2Plugins.pluginBundling(a.groupId(), a.artifactId()))
                        .as("library plugin for %s", a)
                        .isEmpty());
    }

    @Test
    void theBuildRefusesAnyOtherJarThanTheComputedBundle() {
        // maven-hpi-plugin with hpi.strictBundledArtifacts fails the real build when WEB-INF/lib differs from this list.
        org.w3c.dom.Element properties = Xml.path(
                        Xml.parse(Repo.root().resolve("plugin/pom.xml")).getDocumentElement(), "properties")
                .orElseThrow();
        assertThat(Xml.childText(properties, "hpi.strictBundledArtifacts")).contains("true");
        assertThat(Xml.childText(properties, "ban-commons-lang-2.skip")).contains("false");
        List<String> declared = List.of(Xml.childText(properties, "hpi.bundledArtifacts")
                .orElseThrow()
                .split(","));
        assertThat(declared)
                .containsExactlyInAnyOrderElementsOf(DependencyTree.packaged(trees.get(BUNDLE)).stream()
                        .map(Artifact::artifactId)
                        .toList());
    }

    @Test
    void bundledSdkModulesAreAtTheLibraryPluginsSdkVersion() {
        // As written in plugin/pom.xml; the resolution here used the root's SDK version (see BundleCheckReactor).
        Map<String, String> props = Repo.properties(pluginPom);
        assertThat(sdkVersionsReplaced)
                .map(v -> Repo.interpolate(v, props))
                .containsExactlyInAnyOrder(
                        "servicecatalog:" + AwsJavaSdk2Plugins.REVISION,
                        "eventbridge:" + AwsJavaSdk2Plugins.REVISION,
                        "kms:" + AwsJavaSdk2Plugins.REVISION);
    }

    @Test
    void everyJarTheExclusionsDropIsProvidedByAPluginItDependsOn() {
        Set<String> bundled = keys(DependencyTree.packaged(trees.get(BUNDLE)));
        Set<String> plugins = split.plugins().stream()
                .map(p -> p.key().substring(p.key().indexOf(':') + 1))
                .collect(Collectors.toSet());
        List<Artifact> dropped = DependencyTree.packaged(trees.get(UNEXCLUDED)).stream()
                .filter(a -> !bundled.contains(a.key()))
                .toList();
        // The SDK modules servicecatalog, eventbridge and kms need, and Jackson for core, were really looked at.
        assertThat(keys(dropped))
                .contains(
                        SDK + "sdk-core",
                        SDK + "aws-core",
                        SDK + "utils",
                        SDK + "regions",
                        SDK + "endpoints-spi",
                        SDK + "retries",
                        SDK + "aws-json-protocol",
                        "com.fasterxml.jackson.core:jackson-databind");
        assertThat(dropped).allSatisfy(a -> {
            var provider = ProvidedAtRuntime.providerOf(a);
            assertThat(provider).as("who provides %s at runtime", a).isPresent();
            provider.get().requiredPlugin().ifPresent(p -> assertThat(plugins)
                    .as("%s comes from %s, which plugin/pom.xml must depend on", a, p)
                    .contains(p));
        });
    }

    @Test
    void everySdkModuleCoreUsesIsProvidedByADependedOnPluginOrBundled() {
        Set<String> bundled = keys(DependencyTree.packaged(trees.get(BUNDLE)));
        Set<String> plugins =
                split.plugins().stream().map(PluginPomDependencies.LeftOut::key).collect(Collectors.toSet());
        Element deps = Xml.child(Repo.pom("core/pom.xml"), "dependencies").orElseThrow();
        List<String> coreSdk = Xml.children(deps, "dependency").stream()
                .filter(d -> Xml.childText(d, "groupId").orElse("").equals("software.amazon.awssdk"))
                .map(d -> Xml.childText(d, "artifactId").orElseThrow())
                .toList();
        assertThat(coreSdk).contains("servicecatalog", "cloudformation", "s3", "apache-client", "sts");
        assertThat(coreSdk).allSatisfy(module -> {
            var plugin = AwsJavaSdk2Plugins.pluginBundling("software.amazon.awssdk", module);
            if (plugin.isPresent()) {
                assertThat(plugins).as("plugin for " + module).contains(AwsJavaSdk2Plugins.GROUP_ID + ":" + plugin.get());
            } else {
                assertThat(bundled).as("no library plugin has " + module).contains(SDK + module);
            }
        });
    }

    @Test
    void aPlantedSandboxDependencyFailsTheCheck() {
        List<String> violations = BundleRules.violations(DependencyTree.packaged(trees.get(PLANTED)));
        assertThat(violations)
                .anyMatch(v -> v.startsWith("org.gaul:s3proxy:"))
                .anyMatch(v -> v.startsWith("org.eclipse.jetty"))
                .anyMatch(v -> v.startsWith("ch.qos.logback:"))
                .anyMatch(v -> v.startsWith("com.google.guava:guava:"))
                .anyMatch(v -> v.startsWith("org.slf4j:slf4j-api:"))
                .anyMatch(v -> v.startsWith("io.jenkins.plugins.scpuppet:service-catalog-puppet-sandbox:"));
    }

    @Test
    void sdkModulesWithoutTheirExclusionsFailTheCheck() {
        List<String> violations = BundleRules.violations(DependencyTree.packaged(trees.get(UNEXCLUDED)));
        assertThat(violations)
                .anyMatch(v -> v.startsWith(SDK + "sdk-core:") && v.contains("provided by aws-java-sdk2-core"))
                .anyMatch(v -> v.startsWith(SDK + "s3:") && v.contains("provided by aws-java-sdk2-s3"))
                .anyMatch(v -> v.startsWith("com.fasterxml.jackson.core:jackson-databind:"));
    }

    private static Set<String> keys(List<Artifact> artifacts) {
        return artifacts.stream().map(Artifact::key).collect(Collectors.toSet());
    }

    private static Element sandboxAtCompileScope() {
        var doc = Xml.newDocument();
        Element d = doc.createElement("dependency");
        for (String[] kv : new String[][] {
            {"groupId", "io.jenkins.plugins.scpuppet"},
            {"artifactId", "service-catalog-puppet-sandbox"},
            {"version", "${project.version}"}
        }) {
            Element e = doc.createElement(kv[0]);
            e.setTextContent(kv[1]);
            d.appendChild(e);
        }
        return d;
    }
}
