package io.jenkins.plugins.scpuppet.manifest;

import io.jenkins.plugins.scpuppet.manifest.YNode.Kind;
import io.jenkins.plugins.scpuppet.manifest.YNode.YList;
import io.jenkins.plugins.scpuppet.manifest.YNode.YMap;
import io.jenkins.plugins.scpuppet.manifest.YNode.YScalar;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A node plus its path in the document; typed accessors record a located problem instead of throwing, and return null
 * (or an empty value) so parsing goes on and finds every problem.
 */
final class Cursor {
    final YNode node;
    final String path;
    final Problems problems;
    private final Mark keyMark;

    Cursor(YNode node, String path, Problems problems) {
        this(node, path, problems, null);
    }

    Cursor(YNode node, String path, Problems problems, Mark keyMark) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        this.keyMark = keyMark;
    }

    /** A map is located at its key (where a reader looks for the item); anything else at its value. */
    Mark mark() {
        return node instanceof YMap && keyMark != null ? keyMark : node.mark();
    }

    void error(String message) {
        problems.error(mark(), path, message);
    }

    /** Child path: {@code a.b}, or {@code a[3]} for list indexes. */
    String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    YMap asMap() {
        if (node instanceof YMap map) {
            return map;
        }
        error("expected a map, got " + node.describe());
        return null;
    }

    /** Checks keys against the known ones, naming the closest known key for each unknown one. */
    boolean onlyKnownKeys(Set<String> known) {
        YMap map = asMap();
        if (map == null) {
            return false;
        }
        for (String key : map.entries().keySet()) {
            if (!known.contains(key)) {
                problems.error(
                        map.keyMarks().get(key),
                        childPath(key),
                        "unknown key '" + key + "'" + Problems.didYouMean(key, known) + "; known keys here: "
                                + String.join(", ", sorted(known)));
            }
        }
        return true;
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }

    boolean has(String key) {
        return node instanceof YMap map && map.entries().containsKey(key);
    }

    Cursor child(String key) {
        YMap map = (YMap) node;
        return new Cursor(
                map.entries().get(key), childPath(key), problems, map.keyMarks().get(key));
    }

    String string(String key, boolean required) {
        if (!has(key)) {
            if (required) {
                error("missing required key '" + key + "'");
            }
            return null;
        }
        return child(key).asString();
    }

    String string(String key, String fallback) {
        String value = string(key, false);
        return value == null ? fallback : value;
    }

    /**
     * A scalar as text. Numbers keep the text as written (so {@code 012345678901} stays twelve digits); booleans and
     * nulls are refused because YAML turned the user's text into something else.
     */
    String asString() {
        if (node instanceof YScalar s) {
            if (s.kind() == Kind.STRING || s.kind() == Kind.INT || s.kind() == Kind.FLOAT) {
                return s.text();
            }
            error("expected text, got " + s.describe() + "; quote it if you meant the text");
            return null;
        }
        error("expected text, got " + node.describe());
        return null;
    }

    Integer integer(String key, int min, int max) {
        if (!has(key)) {
            return null;
        }
        Cursor c = child(key);
        if (c.node instanceof YScalar s && (s.kind() == Kind.INT || s.kind() == Kind.STRING)) {
            try {
                int value = Integer.parseInt(s.text().trim());
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        c.error("expected a whole number from " + min + " to " + max + ", got " + c.node.describe());
        return null;
    }

    List<String> strings(String key) {
        if (!has(key)) {
            return List.of();
        }
        return child(key).asStrings();
    }

    List<String> asStrings() {
        return asList(Cursor::asString);
    }

    <T> List<T> asList(Function<Cursor, T> item) {
        if (!(node instanceof YList list)) {
            error("expected a list, got " + node.describe());
            return List.of();
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            T value = item.apply(new Cursor(list.items().get(i), path + "[" + i + "]", problems));
            if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    /** Entries of a map whose keys are item names (launches, parameters, ...). */
    void forEachEntry(BiConsumer<String, Cursor> action) {
        YMap map = asMap();
        if (map == null) {
            return;
        }
        for (Map.Entry<String, YNode> e : map.entries().entrySet()) {
            action.accept(
                    e.getKey(),
                    new Cursor(
                            e.getValue(),
                            childPath(e.getKey()),
                            problems,
                            map.keyMarks().get(e.getKey())));
        }
    }

    <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback) {
        String text = string(key, false);
        if (text == null) {
            return fallback;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text.replace('-', '_'))) {
                return constant;
            }
        }
        List<String> allowed = Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .toList();
        child(key)
                .error("expected one of " + String.join(", ", allowed) + ", got '" + text + "'"
                        + Problems.didYouMean(text, allowed));
        return fallback;
    }
}
