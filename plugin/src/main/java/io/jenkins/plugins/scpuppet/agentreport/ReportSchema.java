package io.jenkins.plugins.scpuppet.agentreport;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.jenkins.plugins.scpuppet.engine.RunOutcome;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads an agent's run report (schema {@code scpuppet-run-report/1}, docs/run-report.md) into a typed {@link
 * RunReport}, or fails naming the JSON path and the rule: known schema, outcome and statuses, numbers as JSON numbers
 * within range, strings and counts within {@link ReportLimits}, totals that agree with the tasks. Fields the schema
 * does not name are dropped; a field given twice is refused.
 */
public final class ReportSchema {
    /** Longest number literal: a long has 19 digits. */
    private static final int MAX_NUMBER_CHARS = 32;

    static final long MAX_MILLIS = 100L * 366 * 24 * 3600 * 1000;
    static final long MAX_COUNT = Integer.MAX_VALUE;

    private final Cursor cursor;
    private final ReportLimits limits;
    private String schema;
    private String runId;
    private RunOutcome outcome;
    private Long exitStatus;
    private Instant startedAt;
    private Instant finishedAt;
    private Long wallMillis;
    private String error;
    private String cacheSaveWarning;
    private RunReport.Totals totals;
    private List<RunReport.Task> tasks;

    private ReportSchema(Cursor cursor, ReportLimits limits) {
        this.cursor = cursor;
        this.limits = limits;
    }

    public static RunReport read(String json) throws InvalidReportException {
        return read(json, ReportLimits.DEFAULT);
    }

    public static RunReport read(String json, ReportLimits limits) throws InvalidReportException {
        if (json == null || json.isEmpty()) {
            throw new InvalidReportException("$", "the agent sent no report");
        }
        if (json.length() > limits.maxDocumentChars()) {
            throw new InvalidReportException(
                    "$", json.length() + " characters, more than the limit of " + limits.maxDocumentChars());
        }
        try (JsonParser parser = factory(limits).createParser(json)) {
            Cursor cursor = new Cursor(parser);
            cursor.next();
            RunReport report = new ReportSchema(cursor, limits).report();
            if (cursor.next() != null) {
                throw cursor.invalid("content after the report");
            }
            ReportChecks.check(report);
            return report;
        } catch (InvalidReportException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidReportException("$", "unreadable: " + e.getMessage());
        }
    }

    /** The parser refuses, on its own, what no field of the schema could hold. */
    private static JsonFactory factory(ReportLimits limits) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(limits.maxDocumentChars())
                        .maxStringLength(limits.maxStringChars())
                        .maxNameLength(limits.maxNameChars())
                        .maxNestingDepth(limits.maxDepth())
                        .maxNumberLength(MAX_NUMBER_CHARS)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    private RunReport report() throws InvalidReportException {
        cursor.fields(this::field);
        require(schema, "schema");
        require(exitStatus, "exitStatus");
        return new RunReport(
                require(runId, "runId"),
                require(outcome, "outcome"),
                require(startedAt, "startedAt"),
                require(finishedAt, "finishedAt"),
                require(wallMillis, "wallMillis"),
                error,
                cacheSaveWarning,
                require(totals, "totals"),
                require(tasks, "tasks"));
    }

    private boolean field(String name) throws InvalidReportException {
        switch (name) {
            case "schema" -> {
                schema = cursor.text(limits.maxNameChars());
                if (!schema.equals(RunReport.SCHEMA)) {
                    throw cursor.invalid("unknown schema '" + Cursor.echo(schema) + "'; expected " + RunReport.SCHEMA);
                }
            }
            case "runId" -> runId = cursor.text(limits.maxNameChars());
            case "outcome" -> outcome = cursor.oneOf(RunOutcome.class, "outcome");
            case "exitStatus" -> exitStatus = cursor.whole(0L, 255L);
            case "startedAt" -> startedAt = cursor.instant();
            case "finishedAt" -> finishedAt = cursor.instant();
            case "wallMillis" -> wallMillis = cursor.whole(0L, MAX_MILLIS);
            case "error" -> error = cursor.text(limits.maxTextChars());
            case "cacheSaveWarning" -> cacheSaveWarning = cursor.text(limits.maxTextChars());
            case "totals" -> totals = totals();
            case "tasks" -> tasks = new TaskReader(cursor, limits).tasks();
            default -> {
                return false;
            }
        }
        if (name.equals("exitStatus") || name.equals("outcome")) {
            checkExitStatus();
        }
        return true;
    }

    /** The exit status is the outcome's own (docs/run-report.md, Exit statuses). */
    private void checkExitStatus() throws InvalidReportException {
        if (outcome != null && exitStatus != null && exitStatus != outcome.exitStatus()) {
            throw cursor.invalid("exit status " + exitStatus + " does not go with outcome " + outcome + " (expected "
                    + outcome.exitStatus() + ")");
        }
    }

    private RunReport.Totals totals() throws InvalidReportException {
        TotalsFields t = new TotalsFields();
        cursor.fields(name -> t.read(name, cursor, limits));
        return t.build(cursor);
    }

    private <T> T require(T value, String field) throws InvalidReportException {
        if (value == null) {
            throw cursor.missing(field);
        }
        return value;
    }

    /** The fields of {@code totals} as they are read. */
    private static final class TotalsFields {
        private Long tasks, cached, executed, failed, skipped, retries, prunedByCache, savedMillis, cacheable;
        private Double cacheHitRate;
        private Long awsRetries;
        private Map<MissReason, Integer> missReasons = Map.of();

        boolean read(String name, Cursor c, ReportLimits limits) throws InvalidReportException {
            long maxTasks = limits.maxTasks();
            switch (name) {
                case "tasks" -> tasks = c.whole(0L, maxTasks);
                case "cached" -> cached = c.whole(0L, maxTasks);
                case "executed" -> executed = c.whole(0L, maxTasks);
                case "failed" -> failed = c.whole(0L, maxTasks);
                case "skipped" -> skipped = c.whole(0L, maxTasks);
                case "cacheable" -> cacheable = c.whole(0L, maxTasks);
                case "retries" -> retries = c.whole(0L, maxTasks * TaskReader.MAX_ATTEMPTS);
                case "prunedByCache" -> prunedByCache = c.whole(0L, MAX_COUNT);
                case "savedMillis" -> savedMillis = c.whole(0L, maxTasks * MAX_MILLIS);
                case "cacheHitRate" -> cacheHitRate = c.fraction();
                case "awsRetries" -> awsRetries = c.whole(0L, Long.MAX_VALUE);
                case "missReasons" -> missReasons = missReasons(c, maxTasks);
                default -> {
                    return false;
                }
            }
            return true;
        }

        RunReport.Totals build(Cursor c) throws InvalidReportException {
            String[] names = {
                "tasks", "cached", "executed", "failed", "skipped", "retries", "prunedByCache", "savedMillis",
                "cacheable", "cacheHitRate"
            };
            Object[] values = {
                tasks, cached, executed, failed, skipped, retries, prunedByCache, savedMillis, cacheable, cacheHitRate
            };
            for (int i = 0; i < names.length; i++) {
                if (values[i] == null) {
                    throw c.missing(names[i]);
                }
            }
            return new RunReport.Totals(
                    tasks.intValue(),
                    cached.intValue(),
                    executed.intValue(),
                    failed.intValue(),
                    skipped.intValue(),
                    retries,
                    prunedByCache,
                    savedMillis,
                    cacheable.intValue(),
                    cacheHitRate,
                    awsRetries,
                    missReasons);
        }

        /** Tasks per reason: known reasons only, each at least 1 (reasons with none are left out), not empty. */
        private static Map<MissReason, Integer> missReasons(Cursor c, long maxTasks) throws InvalidReportException {
            Map<MissReason, Integer> counts = new EnumMap<>(MissReason.class);
            c.fields(name -> {
                MissReason reason = Arrays.stream(MissReason.values())
                        .filter(r -> r.name().equals(name))
                        .findFirst()
                        .orElseThrow(() -> c.invalid("unknown miss reason; expected one of "
                                + Arrays.stream(MissReason.values()).map(Enum::name).collect(Collectors.joining(", "))));
                counts.put(reason, (int) c.whole(1L, maxTasks));
                return true;
            });
            if (counts.isEmpty()) {
                throw c.invalid("no reasons; leave missReasons out when no task has one");
            }
            return Collections.unmodifiableMap(counts);
        }
    }
}
