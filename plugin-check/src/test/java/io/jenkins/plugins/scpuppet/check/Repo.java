package io.jenkins.plugins.scpuppet.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/** The repository this module is built from, and the values its POMs declare. */
final class Repo {
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private Repo() {}

    /** The repository root: plugin-check's parent directory (Surefire runs tests in the module directory). */
    static Path root() {
        String configured = System.getProperty("scpuppet.repo.root");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        root = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("plugin/pom.xml"))) {
            throw new IllegalStateException("not the repository root (no plugin/pom.xml): " + root);
        }
        return root;
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    static Element pom(String relative) {
        return Xml.parse(file(relative)).getDocumentElement();
    }

    /** The {@code <properties>} of a POM (without profiles or inheritance). */
    static Map<String, String> properties(Element pom) {
        Map<String, String> out = new HashMap<>();
        Xml.child(pom, "properties").ifPresent(props -> {
            for (var n = props.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    out.put(e.getTagName(), e.getTextContent().trim());
                }
            }
        });
        return out;
    }

    /** {@code text} with {@code ${name}} replaced from {@code properties}; unknown names are left as they are. */
    static String interpolate(String text, Map<String, String> properties) {
        Matcher m = PROPERTY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = properties.getOrDefault(m.group(1), m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The reactor's version as built here: the root's ${revision}.${changelist}. */
    static String reactorVersion() {
        Element root = pom("pom.xml");
        return interpolate(Xml.childText(root, "version").orElseThrow(), properties(root));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
