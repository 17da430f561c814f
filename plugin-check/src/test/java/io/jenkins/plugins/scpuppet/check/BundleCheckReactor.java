package io.jenkins.plugins.scpuppet.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A throw-away Maven reactor that resolves what the plugin bundles WITHOUT the Jenkins repository: the repository's
 * root POM with its default modules (so core resolves from the reactor, as in the real build), plus generated
 * projects holding plugin/pom.xml's bundled dependencies, with no Jenkins parent or BOM.
 */
final class BundleCheckReactor {
    /** The plugin's bundled dependencies, exclusions included. */
    static final String BUNDLE = "bundle";
    /** The same without any exclusion: everything those dependencies would pull in. */
    static final String UNEXCLUDED = "unexcluded";

    private final Path dir;
    private final String awsSdkVersion;
    private final Map<String, List<Element>> projects = new LinkedHashMap<>();
    private final Set<String> sdkVersionsReplaced = new LinkedHashSet<>();

    /**
     * @param awsSdkVersion the version SDK modules are resolved at: this machine's registry does not serve every
     *     2.42.x module, and which jars a module pulls in does not depend on its patch version
     */
    BundleCheckReactor(Path dir, String awsSdkVersion) {
        this.dir = dir;
        this.awsSdkVersion = awsSdkVersion;
    }

    /** Adds a generated project named {@code name} with these dependencies (copied, then adjusted). */
    void project(String name, List<Element> dependencies, boolean withoutExclusions) {
        Document doc = Xml.newDocument();
        List<Element> copies = new ArrayList<>();
        for (Element d : dependencies) {
            Element copy = (Element) doc.importNode(d, true);
            if (withoutExclusions) {
                Xml.child(copy, "exclusions").ifPresent(copy::removeChild);
            }
            if (Xml.childText(copy, "groupId").orElse("").equals("software.amazon.awssdk")) {
                Element version = Xml.child(copy, "version").orElseThrow();
                sdkVersionsReplaced.add(Xml.childText(copy, "artifactId").orElseThrow() + ":" + version.getTextContent());
                version.setTextContent(awsSdkVersion);
            }
            copies.add(copy);
        }
        projects.put(name, copies);
    }

    /** {@code artifactId:version-as-written} of every SDK dependency whose version was replaced. */
    List<String> sdkVersionsReplaced() {
        return List.copyOf(sdkVersionsReplaced);
    }

    /** Writes the reactor, resolves every generated project's tree and returns them by project name. */
    Map<String, List<Artifact>> resolve(Map<String, String> pluginProperties) {
        try {
            Files.createDirectories(dir.resolve(".mvn")); // stops Maven's search for a project root here
            copyRepositoryPoms();
            List<String> modules = new ArrayList<>(List.of("repo"));
            for (var e : projects.entrySet()) {
                Path pom = dir.resolve(e.getKey()).resolve("pom.xml");
                Files.createDirectories(pom.getParent());
                Files.writeString(pom, generatedPom(e.getKey(), e.getValue(), pluginProperties));
                modules.add(e.getKey());
            }
            Files.writeString(dir.resolve("pom.xml"), aggregator(modules));
            String tree = "dependency-tree.txt";
            NestedMaven.Result result = NestedMaven.run(
                    dir,
                    List.of(
                            "-B",
                            "-ntp",
                            "-P-dev",
                            "-pl",
                            String.join(",", projects.keySet()),
                            "-am",
                            "org.apache.maven.plugins:maven-dependency-plugin:3.11.0:tree",
                            "-DoutputFile=" + tree));
            if (result.exitCode() != 0) {
                throw new IllegalStateException("dependency resolution failed: " + result);
            }
            Map<String, List<Artifact>> out = new LinkedHashMap<>();
            for (String name : projects.keySet()) {
                out.put(name, DependencyTree.parse(Files.readString(dir.resolve(name).resolve(tree))));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void copyRepositoryPoms() throws IOException {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo);
        Files.copy(Repo.file("pom.xml"), repo.resolve("pom.xml"));
        Element modules = Xml.child(Repo.pom("pom.xml"), "modules").orElseThrow();
        for (Element module : Xml.children(modules, "module")) {
            Path target = repo.resolve(module.getTextContent().trim()).resolve("pom.xml");
            Files.createDirectories(target.getParent());
            Files.copy(Repo.file(module.getTextContent().trim() + "/pom.xml"), target);
        }
    }

    private static String generatedPom(String name, List<Element> dependencies, Map<String, String> properties) {
        Document doc = Xml.newDocument();
        Element project = doc.createElement("project");
        doc.appendChild(project);
        append(doc, project, "modelVersion", "4.0.0");
        append(doc, project, "groupId", "io.jenkins.plugins.scpuppet.check");
        append(doc, project, "artifactId", name);
        append(doc, project, "version", Repo.reactorVersion()); // so the plugin's ${project.version} names core
        Element props = doc.createElement("properties");
        properties.forEach((k, v) -> append(doc, props, k, v));
        project.appendChild(props);
        Element deps = doc.createElement("dependencies");
        dependencies.forEach(d -> deps.appendChild(doc.importNode(d, true)));
        project.appendChild(deps);
        return Xml.write(doc);
    }

    private static String aggregator(List<String> modules) {
        Document doc = Xml.newDocument();
        Element project = doc.createElement("project");
        doc.appendChild(project);
        append(doc, project, "modelVersion", "4.0.0");
        append(doc, project, "groupId", "io.jenkins.plugins.scpuppet.check");
        append(doc, project, "artifactId", "bundle-check");
        append(doc, project, "version", "1");
        append(doc, project, "packaging", "pom");
        Element list = doc.createElement("modules");
        modules.forEach(m -> append(doc, list, "module", m));
        project.appendChild(list);
        return Xml.write(doc);
    }

    private static void append(Document doc, Element parent, String name, String text) {
        Element e = doc.createElement(name);
        e.setTextContent(text);
        parent.appendChild(e);
    }
}
