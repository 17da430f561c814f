package io.jenkins.plugins.scpuppet.engine;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Identity of a task: its family name plus its significant parameters, canonically ordered by name.
 *
 * <p>Two tasks with the same family and the same significant parameters, given in any order, are the same task.
 */
public final class TaskKey implements Comparable<TaskKey> {
    // Compiled once: keys are made for every task of a run and every target read (String.matches compiles each time).
    private static final Pattern FAMILY = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    private final String family;
    private final SortedMap<String, String> parameters;
    private final String id;

    private TaskKey(String family, SortedMap<String, String> parameters) {
        this.family = family;
        this.parameters = Collections.unmodifiableSortedMap(parameters);
        this.id = render(family, parameters);
    }

    /** Creates a key; parameter values must not be null. */
    public static TaskKey of(String family, Map<String, String> parameters) {
        if (!FAMILY.matcher(family).matches()) {
            throw new IllegalArgumentException("task family must be letters and digits: '" + family + "'");
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        parameters.forEach((name, value) -> {
            if (name == null || name.isEmpty() || value == null) {
                throw new IllegalArgumentException(
                        "task " + family + " has a parameter with an empty name or a null value: " + name);
            }
            sorted.put(name, value);
        });
        return new TaskKey(family, sorted);
    }

    public String family() {
        return family;
    }

    public SortedMap<String, String> parameters() {
        return parameters;
    }

    /** Human-readable and unique rendering, e.g. {@code ProvisionProduct(account_id=1, region=eu-west-1)}. */
    public String id() {
        return id;
    }

    private static String render(String family, SortedMap<String, String> parameters) {
        StringBuilder out = new StringBuilder(family).append('(');
        boolean first = true;
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            out.append(e.getKey()).append('=');
            quoteIfNeeded(out, e.getValue());
        }
        return out.append(')').toString();
    }

    // Quoting keeps the rendering injective when values contain the separators.
    private static void quoteIfNeeded(StringBuilder out, String value) {
        boolean plain =
                !value.isEmpty() && value.chars().allMatch(c -> c > ' ' && c < 127 && ",()=\"\\".indexOf(c) < 0);
        if (plain) {
            out.append(value);
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskKey other && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public int compareTo(TaskKey o) {
        return id.compareTo(o.id);
    }

    @Override
    public String toString() {
        return id;
    }

    /** Convenience for a required parameter; fails naming the task when absent. */
    public String parameter(String name) {
        String value = parameters.get(name);
        return Objects.requireNonNull(value, () -> "task " + id + " has no parameter '" + name + "'");
    }
}
