package io.jenkins.plugins.scpuppet.check;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The object graph a serializer persists: the fields that are neither static nor transient, the entries of
 * collections, maps and arrays, walked by reflection, so a field added later is covered without touching the tests.
 * JDK objects other than collections and maps are leaves (their insides are the JDK's).
 */
final class ObjectGraph {
    private ObjectGraph() {}

    /** Every object reached from {@code root}, by the path it was first reached at ({@code $.sections[1].manifest}). */
    static Map<String, Object> objects(Object root) {
        Map<String, Object> byPath = new LinkedHashMap<>();
        walk(root, "$", new IdentityHashMap<>(), byPath);
        return byPath;
    }

    private static void walk(Object o, String path, IdentityHashMap<Object, Boolean> seen, Map<String, Object> out) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        out.put(path, o);
        if (o.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(o); i++) {
                walk(Array.get(o, i), path + "[" + i + "]", seen, out);
            }
        } else if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                walk(e, path + "[" + i++ + "]", seen, out);
            }
        } else if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                walk(e.getKey(), path + "{key " + e.getKey() + "}", seen, out);
                walk(e.getValue(), path + "{" + e.getKey() + "}", seen, out);
            }
        } else if (!isJdk(o.getClass())) {
            for (Field f : persistedFields(o.getClass())) {
                walk(read(f, o), path + "." + f.getName(), seen, out);
            }
        }
    }

    static boolean isJdk(Class<?> c) {
        return c.isPrimitive() || c.getName().startsWith("java.") || c.getName().startsWith("javax.");
    }

    /** The fields a serializer writes, from the class itself up to Object. */
    static List<Field> persistedFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                int m = f.getModifiers();
                if (!Modifier.isStatic(m) && !Modifier.isTransient(m)) {
                    fields.add(f);
                }
            }
        }
        return fields;
    }

    static Object read(Field f, Object o) {
        try {
            f.setAccessible(true);
            return f.get(o);
        } catch (IllegalAccessException e) {
            throw new AssertionError("cannot read " + f, e);
        }
    }
}
