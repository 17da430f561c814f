package io.jenkins.plugins.scpuppet.agentreport;

import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads the {@code tasks} array of a run report, one typed {@link RunReport.Task} per entry. */
final class TaskReader {
    /** More attempts than any retry setting makes. */
    static final int MAX_ATTEMPTS = 1000;

    /** What the engine accepts as a family name (TaskKey). */
    private static final Pattern FAMILY = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    private final Cursor cursor;
    private final ReportLimits limits;
    private final MissReader miss;

    TaskReader(Cursor cursor, ReportLimits limits) {
        this.cursor = cursor;
        this.limits = limits;
        this.miss = new MissReader(cursor, limits);
    }

    List<RunReport.Task> tasks() throws InvalidReportException {
        List<RunReport.Task> tasks = new ArrayList<>();
        cursor.elements(limits.maxTasks(), i -> tasks.add(task()));
        return Collections.unmodifiableList(tasks);
    }

    private RunReport.Task task() throws InvalidReportException {
        Fields f = new Fields();
        cursor.fields(f::read);
        RunReport.Task task = new RunReport.Task(
                require(f.id, "id"),
                require(f.family, "family"),
                require(f.parameters, "parameters"),
                require(f.cacheable, "cacheable"),
                require(f.status, "status"),
                require(f.attempts, "attempts").intValue(),
                require(f.durationMillis, "durationMillis"),
                f.savedMillis,
                f.startedAt,
                f.target,
                f.errorCode,
                f.errorMessage,
                f.blockedBy,
                f.missReason,
                f.missDetails,
                require(f.requires, "requires"));
        miss.check(task.cacheable(), task.status(), task.missReason(), task.missDetails());
        return task;
    }

    private <T> T require(T value, String field) throws InvalidReportException {
        if (value == null) {
            throw cursor.missing(field);
        }
        return value;
    }

    /** One task's fields as they are read. */
    private final class Fields {
        String id, family, target, errorCode, errorMessage, blockedBy;
        Map<String, String> parameters;
        Boolean cacheable;
        TaskStatus status;
        Long attempts, durationMillis, savedMillis;
        Instant startedAt;
        List<String> requires;
        MissReason missReason;
        MissDetails missDetails;

        boolean read(String name) throws InvalidReportException {
            switch (name) {
                case "id" -> id = cursor.text(limits.maxIdChars());
                case "family" -> family = family();
                case "parameters" -> parameters = parameters();
                case "cacheable" -> cacheable = cursor.bool();
                case "status" -> status = cursor.oneOf(TaskStatus.class, "status");
                case "attempts" -> attempts = cursor.whole(0L, MAX_ATTEMPTS);
                case "durationMillis" -> durationMillis = cursor.whole(0L, ReportSchema.MAX_MILLIS);
                case "savedMillis" -> savedMillis = cursor.whole(0L, ReportSchema.MAX_MILLIS);
                case "startedAt" -> startedAt = cursor.instant();
                case "target" -> target = cursor.text(limits.maxIdChars());
                case "errorCode" -> errorCode = cursor.text(limits.maxNameChars());
                case "errorMessage" -> errorMessage = cursor.text(limits.maxTextChars());
                case "blockedBy" -> blockedBy = cursor.text(limits.maxIdChars());
                case "requires" -> requires = requires();
                case "missReason" -> missReason = cursor.oneOf(MissReason.class, "miss reason");
                case "missDetails" -> missDetails = miss.details();
                default -> {
                    return false;
                }
            }
            return true;
        }
    }

    private String family() throws InvalidReportException {
        String family = cursor.text(limits.maxNameChars());
        if (!FAMILY.matcher(family).matches()) {
            throw cursor.invalid("'" + Cursor.echo(family) + "' is not a task family (letters and digits)");
        }
        return family;
    }

    private Map<String, String> parameters() throws InvalidReportException {
        Map<String, String> parameters = new LinkedHashMap<>();
        cursor.fields(name -> {
            if (parameters.size() == limits.maxParameters()) {
                throw cursor.invalid("more than " + limits.maxParameters() + " parameters (the limit)");
            }
            if (name.isEmpty()) {
                throw cursor.invalid("a parameter with an empty name");
            }
            parameters.put(name, cursor.text(limits.maxIdChars()));
            return true;
        });
        return Collections.unmodifiableMap(parameters);
    }

    private List<String> requires() throws InvalidReportException {
        List<String> ids = new ArrayList<>();
        cursor.elements(limits.maxTasks(), i -> ids.add(cursor.text(limits.maxIdChars())));
        return Collections.unmodifiableList(ids);
    }
}
