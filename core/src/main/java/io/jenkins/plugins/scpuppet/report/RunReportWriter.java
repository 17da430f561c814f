package io.jenkins.plugins.scpuppet.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskKey;
import io.jenkins.plugins.scpuppet.engine.TaskOutcome;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the run report JSON (schema {@code scpuppet-run-report/1}, documented in docs/run-report.md).
 *
 * <p>Streams with a generator so a 100,000-task report needs no intermediate tree. The file is written to a temp name
 * and renamed, so readers never see half a report.
 */
public final class RunReportWriter {
    public static final String SCHEMA = "scpuppet-run-report/1";
    private static final JsonFactory FACTORY = new JsonFactory();

    private RunReportWriter() {}

    public static void write(RunSummary summary, Path file) throws IOException {
        write(summary, file, Map.of());
    }

    /**
     * Writes the report; {@code extraTotals} adds counters measured outside the engine to {@code totals}, such as
     * {@code awsRetries} (retries made by the AWS SDK below the engine).
     */
    public static void write(RunSummary summary, Path file, Map<String, ? extends Number> extraTotals)
            throws IOException {
        write(summary, file, extraTotals, null);
    }

    /**
     * Writes the report with {@code cacheSaveWarning} (why the cache was not saved after the run), or without it when
     * null. Replaces an earlier report of the run atomically.
     */
    public static void write(
            RunSummary summary, Path file, Map<String, ? extends Number> extraTotals, String cacheSaveWarning)
            throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            write(summary, out, extraTotals, cacheSaveWarning);
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static void write(RunSummary summary, OutputStream out, Map<String, ? extends Number> extraTotals)
            throws IOException {
        write(summary, out, extraTotals, null);
    }

    public static void write(
            RunSummary summary, OutputStream out, Map<String, ? extends Number> extraTotals, String cacheSaveWarning)
            throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("schema", SCHEMA);
            g.writeStringField("runId", summary.runId());
            g.writeStringField("outcome", summary.outcome().name());
            g.writeNumberField("exitStatus", summary.outcome().exitStatus());
            g.writeStringField(
                    "startedAt", Instant.ofEpochMilli(summary.startedAtMillis()).toString());
            g.writeStringField(
                    "finishedAt",
                    Instant.ofEpochMilli(summary.finishedAtMillis()).toString());
            g.writeNumberField("wallMillis", summary.wallMillis());
            if (summary.error() != null) {
                g.writeStringField("error", summary.error());
            }
            writeOptional(g, "cacheSaveWarning", cacheSaveWarning);
            writeTotals(summary, g, extraTotals);
            g.writeArrayFieldStart("tasks");
            for (TaskOutcome t : summary.tasks()) {
                writeTask(t, g);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void writeTotals(RunSummary summary, JsonGenerator g, Map<String, ? extends Number> extra)
            throws IOException {
        Map<TaskStatus, Integer> counts = summary.counts();
        g.writeObjectFieldStart("totals");
        g.writeNumberField("tasks", summary.tasks().size());
        for (TaskStatus s : TaskStatus.values()) {
            g.writeNumberField(s.name().toLowerCase(Locale.ROOT), counts.get(s));
        }
        g.writeNumberField("retries", summary.retries());
        g.writeNumberField("prunedByCache", summary.prunedByCache());
        g.writeNumberField("savedMillis", summary.savedMillis());
        int cacheable =
                (int) summary.tasks().stream().filter(TaskOutcome::cacheable).count();
        g.writeNumberField("cacheable", cacheable);
        g.writeNumberField("cacheHitRate", cacheable == 0 ? 0.0 : (double) counts.get(TaskStatus.CACHED) / cacheable);
        for (Map.Entry<String, ? extends Number> e : extra.entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue().longValue());
        }
        MissJson.writeCounts(summary, g);
        g.writeEndObject();
    }

    private static void writeTask(TaskOutcome t, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", t.key().id());
        g.writeStringField("family", t.key().family());
        g.writeObjectFieldStart("parameters");
        for (Map.Entry<String, String> p : t.key().parameters().entrySet()) {
            g.writeStringField(p.getKey(), p.getValue());
        }
        g.writeEndObject();
        g.writeBooleanField("cacheable", t.cacheable());
        g.writeStringField("status", t.status().name());
        g.writeNumberField("attempts", t.attempts());
        g.writeNumberField("durationMillis", t.durationMillis());
        if (t.savedMillis() > 0) {
            g.writeNumberField("savedMillis", t.savedMillis());
        }
        if (t.startedAtMillis() > 0) {
            g.writeStringField(
                    "startedAt", Instant.ofEpochMilli(t.startedAtMillis()).toString());
        }
        writeOptional(g, "target", t.target());
        writeOptional(g, "errorCode", t.errorCode());
        writeOptional(g, "errorMessage", t.errorMessage());
        writeOptional(
                g, "blockedBy", t.blockedBy() == null ? null : t.blockedBy().id());
        MissJson.writeTask(t, g);
        g.writeArrayFieldStart("requires");
        for (TaskKey r : t.requirements()) {
            g.writeString(r.id());
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeOptional(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }
}
