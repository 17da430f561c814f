package io.jenkins.plugins.scpuppet.report;

import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskOutcome;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the run as JUnit XML for Jenkins' {@code junit} step: one testsuite per task family, one testcase per task.
 * FAILED is a failure, SKIPPED is skipped, CACHED is a passing case whose system-out says it was cached.
 */
public final class JUnitXmlWriter {
    private JUnitXmlWriter() {}

    public static void write(RunSummary summary, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            write(summary, out);
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static void write(RunSummary summary, OutputStream out) throws IOException {
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "service-catalog-puppet " + summary.runId());
            x.writeAttribute("tests", Integer.toString(summary.tasks().size()));
            x.writeAttribute("time", seconds(summary.wallMillis()));
            var byFamily = new TreeMap<String, List<TaskOutcome>>();
            summary.tasks()
                    .forEach(t -> byFamily.computeIfAbsent(t.key().family(), k -> new ArrayList<>())
                            .add(t));
            for (var entry : byFamily.entrySet()) {
                writeSuite(x, entry.getKey(), entry.getValue());
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private static void writeSuite(XMLStreamWriter x, String family, List<TaskOutcome> tasks)
            throws XMLStreamException {
        x.writeStartElement("testsuite");
        x.writeAttribute("name", "puppet." + family);
        x.writeAttribute("tests", Integer.toString(tasks.size()));
        x.writeAttribute(
                "failures",
                Long.toString(tasks.stream()
                        .filter(t -> t.status().name().equals("FAILED"))
                        .count()));
        x.writeAttribute(
                "skipped",
                Long.toString(tasks.stream()
                        .filter(t -> t.status().name().equals("SKIPPED"))
                        .count()));
        for (TaskOutcome t : tasks) {
            x.writeStartElement("testcase");
            x.writeAttribute("classname", "puppet." + family);
            x.writeAttribute("name", xmlSafe(t.key().id()));
            x.writeAttribute("time", seconds(t.durationMillis()));
            writeMiss(x, t);
            switch (t.status()) {
                case FAILED -> {
                    x.writeStartElement("failure");
                    x.writeAttribute("type", String.valueOf(t.errorCode()));
                    x.writeAttribute("message", xmlSafe(String.valueOf(t.errorMessage())));
                    x.writeCharacters(xmlSafe(t.errorCode() + ": " + t.errorMessage()));
                    x.writeEndElement();
                }
                case SKIPPED -> {
                    x.writeEmptyElement("skipped");
                    x.writeAttribute(
                            "message",
                            t.blockedBy() == null
                                    ? "run cancelled"
                                    : xmlSafe("requirement failed: "
                                            + t.blockedBy().id()));
                }
                case CACHED, EXECUTED -> {
                    x.writeStartElement("system-out");
                    x.writeCharacters(xmlSafe(
                            t.status().name().toLowerCase(Locale.ROOT) + (t.target() == null ? "" : " " + t.target())));
                    x.writeEndElement();
                }
            }
            x.writeEndElement();
        }
        x.writeEndElement();
    }

    /** Why a cacheable task ran, as testcase properties (sensitive values are already {@code ***}). */
    private static void writeMiss(XMLStreamWriter x, TaskOutcome t) throws XMLStreamException {
        if (t.miss() == null) {
            return;
        }
        x.writeStartElement("properties");
        x.writeEmptyElement("property");
        x.writeAttribute("name", "missReason");
        x.writeAttribute("value", t.miss().reason().name());
        String described = t.miss().describe();
        if (!described.equals(t.miss().reason().label())) {
            x.writeEmptyElement("property");
            x.writeAttribute("name", "missDetails");
            x.writeAttribute("value", xmlSafe(described));
        }
        x.writeEndElement();
    }

    /** XML 1.0 cannot carry most control characters or lone surrogates, even escaped. */
    static String xmlSafe(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                out.append(c).append(text.charAt(++i));
            } else if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xFFFD && !Character.isSurrogate(c))) {
                out.append(c);
            } else {
                out.append('\uFFFD');
            }
        }
        return out.toString();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
