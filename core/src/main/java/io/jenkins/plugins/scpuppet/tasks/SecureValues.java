package io.jenkins.plugins.scpuppet.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.engine.TaskError;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The SecureString values one run has read, in memory only.
 *
 * <p>A task result is journalled, digested and (for cacheable tasks) written to a target and mirrored to S3, so a
 * GetSSMParamTask result never holds a SecureString's value: it holds Name, Region, Type and Version, and the value
 * stays here for the tasks that pass it on (ProvisionProduct, an action's CodeBuild). The Version is what changes
 * when the value does (every PutParameter is a new version), so a result's digest still tells one value from the
 * next without anything derived from the value itself: a plain hash of a short secret could be brute-forced from any
 * file it landed in. SecureString parameters are read anew in every run (GetSSMParamTask is not cacheable), so a
 * value is always here when a task of the same run asks for it.
 */
public final class SecureValues {
    private static final String REDACTED = "****";

    private final Map<String, String> values = new ConcurrentHashMap<>();

    /** Takes the value out of a SecureString read (kept here) and returns the read; other types pass unchanged. */
    ObjectNode keep(ObjectNode read) {
        if ("SecureString".equals(read.path("Type").asText()) && read.has("Value")) {
            values.put(key(read), read.remove("Value").asText());
        }
        return read;
    }

    /** The value a GetSSMParamTask result stands for. */
    String valueOf(JsonNode read) {
        if (read.has("Value")) {
            return read.path("Value").asText();
        }
        String value = values.get(key(read));
        if (value == null) {
            throw new IllegalStateException(
                    "the SecureString " + read.path("Name").asText() + " version "
                            + read.path("Version").asText() + " was not read in this run");
        }
        return value;
    }

    /** Replaces every SecureString value of this run in a message (an AWS error may quote a parameter's value). */
    public String redact(String message) {
        if (message == null || values.isEmpty()) {
            return message;
        }
        String out = message;
        // Longest first, so a value that contains another is replaced whole.
        List<String> secrets = values.values().stream()
                .filter(v -> !v.isEmpty())
                .distinct()
                .sorted((a, b) -> b.length() - a.length())
                .toList();
        for (String secret : secrets) {
            out = out.replace(secret, REDACTED);
        }
        return out;
    }

    /** An error classifier whose messages never carry a SecureString value. */
    public Function<Throwable, TaskError> redacting(Function<Throwable, TaskError> classifier) {
        return t -> {
            TaskError e = classifier.apply(t);
            return new TaskError(e.code(), redact(e.message()), e.retryable());
        };
    }

    private static String key(JsonNode read) {
        return read.path("Region").asText() + "\u0000" + read.path("Name").asText() + "\u0000"
                + read.path("Version").asText();
    }
}
