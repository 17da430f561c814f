package io.jenkins.plugins.scpuppet.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * The dependencies of plugin/pom.xml split the way maven-hpi-plugin packages them: Jenkins plugins are loaded from
 * their own plugins (never bundled, and resolvable only from the Jenkins repository), test-scope ones are never
 * packaged, and everything else goes into WEB-INF/lib with its transitive dependencies.
 */
final class PluginPomDependencies {
    /** A dependency left out of the bundle computation, and why. */
    record LeftOut(String key, String reason) {}

    /** @param bundled the {@code <dependency>} elements packaged into the .hpi, exclusions included */
    record Split(List<Element> bundled, List<LeftOut> plugins, List<LeftOut> notPackaged) {}

    private PluginPomDependencies() {}

    static Split split(Element pom) {
        Map<String, String> properties = Repo.properties(pom);
        List<Element> bundled = new ArrayList<>();
        List<LeftOut> plugins = new ArrayList<>();
        List<LeftOut> notPackaged = new ArrayList<>();
        Element dependencies = Xml.child(pom, "dependencies").orElseThrow();
        for (Element d : Xml.children(dependencies, "dependency")) {
            String groupId = Xml.childText(d, "groupId").orElseThrow();
            String key = groupId + ":" + Xml.childText(d, "artifactId").orElseThrow();
            String scope = Xml.childText(d, "scope").orElse("compile");
            if (scope.equals("test") || scope.equals("provided")) {
                notPackaged.add(new LeftOut(key, scope + " scope: never packaged"));
            } else if (isJenkinsPlugin(groupId)) {
                plugins.add(new LeftOut(
                        key, "Jenkins plugin: Jenkins loads it from its own plugin, the .hpi never bundles it"));
            } else if (Xml.childText(d, "version").map(v -> Repo.interpolate(v, properties)).isEmpty()) {
                throw new IllegalStateException(key + " is bundled but has its version from the Jenkins BOM only");
            } else {
                bundled.add(d);
            }
        }
        return new Split(bundled, plugins, notPackaged);
    }

    /** The groups Jenkins plugins are published under (this project's own library modules are not plugins). */
    static boolean isJenkinsPlugin(String groupId) {
        if (groupId.equals("io.jenkins.plugins.scpuppet") || groupId.startsWith("io.jenkins.plugins.scpuppet.")) {
            return false;
        }
        return groupId.equals("org.jenkins-ci.plugins")
                || groupId.startsWith("org.jenkins-ci.plugins.")
                || groupId.equals("io.jenkins.plugins")
                || groupId.startsWith("io.jenkins.plugins.");
    }
}
