package io.jenkins.plugins.scpuppet.agentreport;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A streaming JSON parser that knows where it is: each read takes the current value as one type, within a range, or
 * fails with the value's JSON path. Streaming, so a report near the size limit is never held as a tree.
 */
final class Cursor {
    /** How much of an offending value an error message repeats. */
    private static final int ECHO = 60;

    private final JsonParser parser;

    Cursor(JsonParser parser) {
        this.parser = parser;
    }

    /** Moves to the next token; a syntax error or a parser limit is reported at the current path. */
    JsonToken next() throws InvalidReportException {
        try {
            return parser.nextToken();
        } catch (StreamConstraintsException e) {
            throw invalid(e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw invalid("not valid JSON: " + jacksonAdvice(e.getOriginalMessage()));
        } catch (IOException e) {
            throw invalid("unreadable: " + e.getMessage());
        }
    }

    /** Where the current value is, as {@code tasks[12].status}, or {@code $} for the document itself. */
    String path() {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray() && c.hasCurrentIndex()) {
                parts.push("[" + c.getCurrentIndex() + "]");
            } else if (c.inObject() && c.getCurrentName() != null) {
                parts.push("." + echo(c.getCurrentName()));
            }
        }
        String path = String.join("", parts);
        return path.isEmpty() ? "$" : path.startsWith(".") ? path.substring(1) : path;
    }

    InvalidReportException invalid(String problem) {
        return new InvalidReportException(path(), problem);
    }

    /** A required field absent from the object just read (the cursor is on its end). */
    InvalidReportException missing(String field) {
        String at = path();
        return new InvalidReportException(at.equals("$") ? field : at + "." + field, "missing; the schema requires it");
    }

    /** A rule broken by {@code field} of the object just read (the cursor is on its end). */
    InvalidReportException invalidField(String field, String problem) {
        String at = path();
        return new InvalidReportException(at.equals("$") ? field : at + "." + field, problem);
    }

    /** Calls {@code field} for each field of the object starting here; fields it does not know are skipped. */
    void fields(FieldReader field) throws InvalidReportException {
        expect(JsonToken.START_OBJECT, "an object");
        while (next() == JsonToken.FIELD_NAME) {
            String name = name();
            next();
            if (!field.read(name)) {
                skip();
            }
        }
    }

    /** Calls {@code element} for each entry of the array starting here; more than {@code max} is an error. */
    void elements(int max, ElementReader element) throws InvalidReportException {
        expect(JsonToken.START_ARRAY, "an array");
        int n = 0;
        while (next() != JsonToken.END_ARRAY) {
            if (n == max) {
                throw invalid("more than " + max + " entries (the limit)");
            }
            element.read(n++);
        }
    }

    String text(int max) throws InvalidReportException {
        expect(JsonToken.VALUE_STRING, "a string");
        String s = value();
        if (s.length() > max) {
            throw invalid(s.length() + " characters, more than the limit of " + max);
        }
        return s;
    }

    /** A string, or null for JSON null; anything else fails. */
    String textOrNull(int max) throws InvalidReportException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw expected("a string or null");
        }
        return text(max);
    }

    /** A whole JSON number from {@code min} to {@code max}: a string, a fraction or a value out of range fails. */
    long whole(long min, long max) throws InvalidReportException {
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
            throw invalid("expected a whole number, got " + echo(value()));
        }
        expect(JsonToken.VALUE_NUMBER_INT, "a number");
        try {
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw invalid(echo(value()) + " is out of range " + min + ".." + max);
            }
            long v = parser.getLongValue();
            if (v < min || v > max) {
                throw invalid(v + " is out of range " + min + ".." + max);
            }
            return v;
        } catch (InvalidReportException e) {
            throw e;
        } catch (IOException e) {
            throw invalid(e.getMessage());
        }
    }

    int whole(int min, int max) throws InvalidReportException {
        return (int) whole((long) min, max);
    }

    /** A JSON number from 0 to 1. */
    double fraction() throws InvalidReportException {
        JsonToken t = parser.currentToken();
        if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
            throw expected("a number");
        }
        try {
            double v = parser.getDoubleValue();
            if (!(v >= 0 && v <= 1)) {
                throw invalid(echo(value()) + " is out of range 0..1");
            }
            return v;
        } catch (InvalidReportException e) {
            throw e;
        } catch (IOException e) {
            throw invalid(e.getMessage());
        }
    }

    boolean bool() throws InvalidReportException {
        JsonToken t = parser.currentToken();
        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
            throw expected("true or false");
        }
        return t == JsonToken.VALUE_TRUE;
    }

    /** An ISO-8601 instant, as the writer's {@code Instant.toString()}. */
    Instant instant() throws InvalidReportException {
        String s = text(64);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw invalid("'" + echo(s) + "' is not an ISO-8601 instant");
        }
    }

    /** One of an enum's constants, by its exact name. */
    <E extends Enum<E>> E oneOf(Class<E> type, String what) throws InvalidReportException {
        E[] known = type.getEnumConstants();
        String s = text(64);
        for (E e : known) {
            if (e.name().equals(s)) {
                return e;
            }
        }
        throw invalid("unknown " + what + " '" + echo(s) + "'; expected one of "
                + Arrays.stream(known).map(Enum::name).collect(Collectors.joining(", ")));
    }

    private void skip() throws InvalidReportException {
        try {
            parser.skipChildren();
        } catch (JsonProcessingException e) {
            throw invalid(e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid("unreadable: " + e.getMessage());
        }
    }

    void expect(JsonToken token, String what) throws InvalidReportException {
        if (parser.currentToken() != token) {
            throw expected(what);
        }
    }

    private InvalidReportException expected(String what) {
        JsonToken t = parser.currentToken();
        String got = t == null ? "nothing" : switch (t) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> t.name().toLowerCase(Locale.ROOT);
        };
        return invalid("expected " + what + ", got " + got);
    }

    private String name() throws InvalidReportException {
        try {
            return parser.currentName();
        } catch (IOException e) {
            throw invalid("unreadable: " + e.getMessage());
        }
    }

    private String value() throws InvalidReportException {
        try {
            return parser.getText();
        } catch (IOException e) {
            throw invalid("unreadable: " + e.getMessage());
        }
    }

    /** Jackson's message without its advice to enable a parser feature (the schema does not allow it). */
    private static String jacksonAdvice(String message) {
        int advice = message.indexOf(": enable `");
        return advice > 0 ? message.substring(0, advice) : message;
    }

    /** A value as an error message may repeat it: cut short, control characters shown as '?'. */
    static String echo(String s) {
        String cut = s.length() > ECHO ? s.substring(0, ECHO) + "…" : s;
        return cut.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    /** Reads the value of one field; false when the field is unknown (it is then skipped). */
    @FunctionalInterface
    interface FieldReader {
        boolean read(String name) throws InvalidReportException;
    }

    /** Reads one entry of an array, at its index. */
    @FunctionalInterface
    interface ElementReader {
        void read(int index) throws InvalidReportException;
    }
}
