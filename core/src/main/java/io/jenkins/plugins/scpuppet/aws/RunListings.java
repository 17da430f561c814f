package io.jenkins.plugins.scpuppet.aws;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Lists AWS gives every task of a run alike, kept for the run by key: a spoke's imported portfolios, the products in a
 * portfolio, a product's versions. Each launch of a spoke looked its portfolio and product up with one list each (the
 * large manifest made about 5,000 of each); one list per key serves them all. What a task looks for and does not find is listed again, so
 * what the run itself adds (an accepted share, a copied product) is seen, and what it removes is forgotten; what
 * someone else removes during the run is not seen, and the call that uses it fails naming it. Memory is one list per
 * key the run reaches.
 */
final class RunListings<T> {
    private final Map<String, Listing<T>> byKey = new ConcurrentHashMap<>();

    /** The first item {@code which} matches, from the key's kept list, or from a fresh one when it has none. */
    Optional<T> find(String key, Predicate<T> which, Supplier<List<T>> list) {
        return byKey.computeIfAbsent(key, k -> new Listing<>()).find(which, list);
    }

    /** Drops the key's kept list: the run changed what it holds in a way a lookup would not notice (a deletion). */
    void forget(String key) {
        byKey.remove(key);
    }

    private static final class Listing<T> {
        private List<T> items;

        /** One task lists at a time: tasks asking together wait for that list rather than make their own. */
        synchronized Optional<T> find(Predicate<T> which, Supplier<List<T>> list) {
            if (items != null) {
                Optional<T> kept = items.stream().filter(which).findFirst();
                if (kept.isPresent()) {
                    return kept;
                }
            }
            items = List.copyOf(list.get());
            return items.stream().filter(which).findFirst();
        }
    }
}
