package io.jenkins.plugins.scpuppet.check;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares two object graphs field by field, by reflection: the plugin's own objects (records included) by every
 * persisted field of their class and superclasses, collections and maps entry by entry, arrays element by element,
 * other JDK values by {@code equals}. Nothing relies on the plugin's own {@code equals}, so a field it forgets is
 * still compared.
 */
final class DeepCompare {
    private final List<String> differences = new ArrayList<>();
    private final List<String> comparedFields = new ArrayList<>();
    private final IdentityHashMap<Object, Object> seen = new IdentityHashMap<>();

    private DeepCompare() {}

    /** Where {@code before} and {@code after} differ; empty when every field is the same. */
    static DeepCompare of(Object before, Object after) {
        DeepCompare c = new DeepCompare();
        c.compare(before, after, "$");
        return c;
    }

    List<String> differences() {
        return differences;
    }

    /** Every field of a plugin object that was compared, by path, in the order met. */
    List<String> comparedFields() {
        return comparedFields;
    }

    private void compare(Object a, Object b, String path) {
        if (a == null || b == null) {
            if (a != b) {
                differences.add(path + ": " + a + " became " + b);
            }
            return;
        }
        if (a.getClass() != b.getClass()) {
            differences.add(path + ": " + a.getClass().getName() + " became " + b.getClass().getName());
            return;
        }
        Class<?> type = a.getClass();
        boolean value = !type.isArray()
                && !(a instanceof Collection<?>)
                && !(a instanceof Map<?, ?>)
                && (ObjectGraph.isJdk(type) || type.isEnum());
        // Values are compared every time: boxed booleans and small integers are shared instances, so remembering
        // them as seen would skip every later field that holds the same one.
        if (!value && seen.put(a, b) != null) {
            return;
        }
        if (type.isArray()) {
            compareAll(asList(a), asList(b), path);
        } else if (a instanceof Collection<?> ca) {
            compareAll(new ArrayList<>(ca), new ArrayList<>((Collection<?>) b), path);
        } else if (a instanceof Map<?, ?> ma) {
            Map<?, ?> mb = (Map<?, ?>) b;
            if (!ma.keySet().equals(mb.keySet())) {
                differences.add(path + ": keys " + ma.keySet() + " became " + mb.keySet());
            }
            ma.forEach((k, v) -> compare(v, mb.get(k), path + "{" + k + "}"));
        } else if (ObjectGraph.isJdk(type) || type.isEnum()) {
            if (!Objects.equals(a, b)) {
                differences.add(path + ": " + a + " became " + b);
            }
        } else {
            for (Field f : ObjectGraph.persistedFields(type)) {
                String at = path + "." + f.getName();
                comparedFields.add(at);
                compare(ObjectGraph.read(f, a), ObjectGraph.read(f, b), at);
            }
        }
    }

    private void compareAll(List<?> a, List<?> b, String path) {
        if (a.size() != b.size()) {
            differences.add(path + ": " + a.size() + " entries became " + b.size());
            return;
        }
        Iterator<?> ib = b.iterator();
        int i = 0;
        for (Object ea : a) {
            compare(ea, ib.next(), path + "[" + i++ + "]");
        }
    }

    private static List<Object> asList(Object array) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < Array.getLength(array); i++) {
            list.add(Array.get(array, i));
        }
        return list;
    }
}
