package io.jenkins.plugins.scpuppet.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.ProcessingInstruction;

/**
 * The plugin's index.jelly, which maven-hpi-plugin requires and the plugin manager shows: well-formed XML, the
 * {@code <?jelly escape-by-default='true'?>} instruction before the root, and a one-line description in a div.
 */
final class IndexJelly {
    private static final Pattern ESCAPE = Pattern.compile("escape-by-default\\s*=\\s*(['\"])true\\1");

    private IndexJelly() {}

    /** The description, or an exception saying what is wrong with the file. */
    static String check(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("missing: " + file);
        }
        Document doc = Xml.parse(file);
        boolean escaped = false;
        for (Node n = doc.getFirstChild(); n != null && !(n instanceof Element); n = n.getNextSibling()) {
            if (n instanceof ProcessingInstruction pi
                    && pi.getTarget().equals("jelly")
                    && ESCAPE.matcher(pi.getData()).find()) {
                escaped = true;
            }
        }
        if (!escaped) {
            throw new IllegalStateException("no <?jelly escape-by-default='true'?> before the root: " + file);
        }
        Element root = doc.getDocumentElement();
        if (!root.getTagName().equals("div")) {
            throw new IllegalStateException("root is <" + root.getTagName() + ">, not <div>: " + file);
        }
        String text = root.getTextContent().trim();
        if (text.isEmpty() || text.contains("\n") || root.getElementsByTagName("*").getLength() > 0) {
            throw new IllegalStateException("not a one-line plain-text description: '" + text + "' in " + file);
        }
        return text;
    }
}
