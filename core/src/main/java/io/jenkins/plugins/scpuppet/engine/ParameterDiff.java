package io.jenkins.plugins.scpuppet.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/** Compares a stored target's parameters with a task's: the changes, sorted by name, sensitive values masked. */
final class ParameterDiff {
    static final String MASK = "***";
    /** The controller accepts values up to this length; a longer one is cut (the end of a value rarely tells). */
    static final int MAX_VALUE = 4096;

    private ParameterDiff() {}

    /** The changes (empty when none), or null when a stored value is not a string. */
    static List<ParameterChange> of(TaskSpec spec, JsonNode stored) {
        SortedMap<String, String> now = spec.key().parameters();
        if (stored.size() == now.size() && same(now, stored)) {
            return List.of(); // the usual case, without building anything
        }
        TreeSet<String> names = new TreeSet<>(now.keySet());
        for (Iterator<String> it = stored.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        List<ParameterChange> changes = new ArrayList<>();
        for (String name : names) {
            JsonNode old = stored.get(name);
            if (old != null && !old.isTextual()) {
                return null;
            }
            String oldValue = old == null ? null : old.textValue();
            String newValue = now.get(name);
            if (oldValue == null || !oldValue.equals(newValue)) {
                changes.add(new ParameterChange(name, shown(spec, name, oldValue), shown(spec, name, newValue)));
            }
        }
        return changes;
    }

    private static boolean same(SortedMap<String, String> now, JsonNode stored) {
        for (Map.Entry<String, String> e : now.entrySet()) {
            JsonNode v = stored.get(e.getKey());
            if (v == null || !v.isTextual() || !v.textValue().equals(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static String shown(TaskSpec spec, String name, String value) {
        if (value == null) {
            return null;
        }
        if (spec.sensitive(name)) {
            return MASK;
        }
        return value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE);
    }
}
