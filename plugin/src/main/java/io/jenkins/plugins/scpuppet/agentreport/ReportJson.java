package io.jenkins.plugins.scpuppet.agentreport;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes an accepted {@link RunReport} in the documented shape and field order (core's RunReportWriter), compact.
 * This, not what the agent sent, is what the controller stores and serves. {@code <}, {@code >}, {@code &} and
 * {@code '} are written as {@code \}{@code u} escapes, so the stored text holds no markup even read as HTML.
 */
public final class ReportJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private ReportJson() {}

    public static String write(RunReport report) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setCharacterEscapes(new MarkupEscapes());
            g.writeStartObject();
            g.writeStringField("schema", RunReport.SCHEMA);
            g.writeStringField("runId", report.runId());
            g.writeStringField("outcome", report.outcome().name());
            g.writeNumberField("exitStatus", report.outcome().exitStatus());
            g.writeStringField("startedAt", report.startedAt().toString());
            g.writeStringField("finishedAt", report.finishedAt().toString());
            g.writeNumberField("wallMillis", report.wallMillis());
            optional(g, "error", report.error());
            optional(g, "cacheSaveWarning", report.cacheSaveWarning());
            totals(g, report.totals());
            g.writeArrayFieldStart("tasks");
            for (RunReport.Task t : report.tasks()) {
                task(g, t);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return out.toString();
    }

    private static void totals(JsonGenerator g, RunReport.Totals t) throws IOException {
        g.writeObjectFieldStart("totals");
        g.writeNumberField("tasks", t.tasks());
        g.writeNumberField("cached", t.cached());
        g.writeNumberField("executed", t.executed());
        g.writeNumberField("failed", t.failed());
        g.writeNumberField("skipped", t.skipped());
        g.writeNumberField("retries", t.retries());
        g.writeNumberField("prunedByCache", t.prunedByCache());
        g.writeNumberField("savedMillis", t.savedMillis());
        g.writeNumberField("cacheable", t.cacheable());
        g.writeNumberField("cacheHitRate", t.cacheHitRate());
        if (t.awsRetries() != null) {
            g.writeNumberField("awsRetries", t.awsRetries());
        }
        if (!t.missReasons().isEmpty()) {
            g.writeObjectFieldStart("missReasons");
            for (Map.Entry<MissReason, Integer> r : t.missReasons().entrySet()) {
                g.writeNumberField(r.getKey().name(), r.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void task(JsonGenerator g, RunReport.Task t) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", t.id());
        g.writeStringField("family", t.family());
        g.writeObjectFieldStart("parameters");
        for (Map.Entry<String, String> p : t.parameters().entrySet()) {
            g.writeStringField(p.getKey(), p.getValue());
        }
        g.writeEndObject();
        g.writeBooleanField("cacheable", t.cacheable());
        g.writeStringField("status", t.status().name());
        g.writeNumberField("attempts", t.attempts());
        g.writeNumberField("durationMillis", t.durationMillis());
        if (t.savedMillis() != null) {
            g.writeNumberField("savedMillis", t.savedMillis());
        }
        if (t.startedAt() != null) {
            g.writeStringField("startedAt", t.startedAt().toString());
        }
        optional(g, "target", t.target());
        optional(g, "errorCode", t.errorCode());
        optional(g, "errorMessage", t.errorMessage());
        if (t.missReason() != null) {
            g.writeStringField("missReason", t.missReason().name());
        }
        if (t.missDetails() != null) {
            missDetails(g, t.missDetails());
        }
        optional(g, "blockedBy", t.blockedBy());
        g.writeArrayFieldStart("requires");
        for (String r : t.requires()) {
            g.writeString(r);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void missDetails(JsonGenerator g, MissDetails d) throws IOException {
        g.writeObjectFieldStart("missDetails");
        if (!d.changes().isEmpty()) {
            g.writeArrayFieldStart("changes");
            for (MissDetails.Change c : d.changes()) {
                g.writeStartObject();
                g.writeStringField("parameter", c.parameter());
                nullable(g, "old", c.oldValue());
                nullable(g, "new", c.newValue());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        optional(g, "oldImplementation", d.oldImplementation());
        optional(g, "newImplementation", d.newImplementation());
        optional(g, "problem", d.problem());
        g.writeEndObject();
    }

    /** A field the schema always writes, as JSON null when it has no value. */
    private static void nullable(JsonGenerator g, String name, String value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value);
        }
    }

    private static void optional(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    /** JSON's own escapes plus the characters that start or quote markup. */
    private static final class MarkupEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] escapes;

        MarkupEscapes() {
            escapes = standardAsciiEscapesForJSON();
            for (char c : new char[] {'<', '>', '&', '\''}) {
                escapes[c] = ESCAPE_STANDARD;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
