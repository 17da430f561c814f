package io.jenkins.plugins.scpuppet.agentreport;

import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads a task's {@code missDetails} and checks it and {@code missReason} against the task (docs/run-report.md, Miss
 * reasons): a reason only on a cacheable task the engine ran or tried to, each detail only with its own reason.
 * Values are never repeated in an error: a changed parameter's value may be a secret the agent failed to mask.
 */
final class MissReader {
    /** The writer keeps at most this many changes per task. */
    static final int MAX_CHANGES = 64;

    private final Cursor cursor;
    private final ReportLimits limits;

    MissReader(Cursor cursor, ReportLimits limits) {
        this.cursor = cursor;
        this.limits = limits;
    }

    MissDetails details() throws InvalidReportException {
        Parts p = new Parts();
        cursor.fields(name -> {
            switch (name) {
                case "changes" -> p.changes = changes();
                case "oldImplementation" -> p.oldImplementation = cursor.text(limits.maxNameChars());
                case "newImplementation" -> p.newImplementation = cursor.text(limits.maxNameChars());
                case "problem" -> p.problem = cursor.text(limits.maxTextChars());
                default -> {
                    return false;
                }
            }
            return true;
        });
        if (p.changes == null && p.oldImplementation == null && p.newImplementation == null && p.problem == null) {
            throw cursor.invalid("no details; leave missDetails out when the reason carries none");
        }
        return new MissDetails(
                p.changes == null ? List.of() : p.changes, p.oldImplementation, p.newImplementation, p.problem);
    }

    private List<MissDetails.Change> changes() throws InvalidReportException {
        List<MissDetails.Change> changes = new ArrayList<>();
        cursor.elements(MAX_CHANGES, i -> {
            MissDetails.Change c = change();
            if (i > 0 && changes.get(i - 1).parameter().compareTo(c.parameter()) >= 0) {
                throw cursor.invalidField("parameter", "'" + Cursor.echo(c.parameter())
                        + "' is not after the previous change's; changes are sorted by parameter, each once");
            }
            changes.add(c);
        });
        if (changes.isEmpty()) {
            throw cursor.invalid("no changes; PARAMETERS_CHANGED names at least one");
        }
        return Collections.unmodifiableList(changes);
    }

    private MissDetails.Change change() throws InvalidReportException {
        String[] parameter = {null};
        String[] sides = new String[2];
        boolean[] given = new boolean[2];
        cursor.fields(name -> {
            switch (name) {
                case "parameter" -> {
                    parameter[0] = cursor.text(limits.maxNameChars());
                    if (parameter[0].isEmpty()) {
                        throw cursor.invalid("an empty parameter name");
                    }
                }
                case "old" -> {
                    sides[0] = cursor.textOrNull(limits.maxIdChars());
                    given[0] = true;
                }
                case "new" -> {
                    sides[1] = cursor.textOrNull(limits.maxIdChars());
                    given[1] = true;
                }
                default -> {
                    return false;
                }
            }
            return true;
        });
        if (parameter[0] == null) {
            throw cursor.missing("parameter");
        }
        if (!given[0] || !given[1]) {
            throw cursor.missing(given[0] ? "new" : "old");
        }
        if (sides[0] == null && sides[1] == null) {
            throw cursor.invalidField("old", "both sides are null; a change has at least one value");
        }
        return new MissDetails.Change(parameter[0], sides[0], sides[1]);
    }

    /** The task's reason and details agree with it and with each other; the cursor is on the task's end. */
    void check(boolean cacheable, TaskStatus status, MissReason reason, MissDetails details)
            throws InvalidReportException {
        if (reason == null) {
            if (details != null) {
                throw cursor.invalidField("missDetails", "given without a missReason");
            }
            return;
        }
        if (!cacheable || (status != TaskStatus.EXECUTED && status != TaskStatus.FAILED)) {
            throw cursor.invalidField("missReason", "only a cacheable EXECUTED or FAILED task has one; this task is "
                    + (cacheable ? status : "not cacheable"));
        }
        MissDetails d = details == null ? new MissDetails(List.of(), null, null, null) : details;
        only(reason, !d.changes().isEmpty(), "changes", MissReason.PARAMETERS_CHANGED);
        only(reason, d.oldImplementation() != null, "oldImplementation", MissReason.IMPLEMENTATION_CHANGED);
        only(reason, d.newImplementation() != null, "newImplementation", MissReason.IMPLEMENTATION_CHANGED);
        only(reason, d.problem() != null, "problem", MissReason.TARGET_INVALID, MissReason.FORCED);
        switch (reason) {
            case PARAMETERS_CHANGED -> need(!d.changes().isEmpty(), "changes", reason);
            case IMPLEMENTATION_CHANGED -> {
                need(d.oldImplementation() != null, "oldImplementation", reason);
                need(d.newImplementation() != null, "newImplementation", reason);
            }
            case TARGET_INVALID, FORCED -> need(d.problem() != null, "problem", reason);
            default -> {}
        }
    }

    private void only(MissReason reason, boolean given, String part, MissReason... owners)
            throws InvalidReportException {
        if (given && !List.of(owners).contains(reason)) {
            throw cursor.invalidField("missDetails." + part, "belongs to " + List.of(owners)
                    .toString()
                    .replaceAll("[\\[\\]]", "")
                    .replace(", ", " or ") + ", not " + reason);
        }
    }

    private void need(boolean given, String part, MissReason reason) throws InvalidReportException {
        if (!given) {
            throw cursor.invalidField("missDetails." + part, "missing; " + reason + " requires it");
        }
    }

    /** A {@code missDetails} object's parts as they are read. */
    private static final class Parts {
        List<MissDetails.Change> changes;
        String oldImplementation, newImplementation, problem;
    }
}
