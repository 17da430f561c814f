package io.jenkins.plugins.scpuppet.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * SDK clients by key (service, region and the role they act as), least recently used first out once the capacity is
 * reached. A built client costs about 24 KB of heap (measured: 12,000 clients of six services took 289 MB), so 500
 * accounts in 10 regions would hold most of a gigabyte; the bound keeps a run's heap flat whatever the estate's size.
 *
 * <p>An evicted client is dropped, not closed: another thread may still be in a call with it, and it owns nothing to
 * release (its HTTP pool, scheduler and credentials are shared, see {@link SharedSdkResources}); the garbage collector
 * takes it once no call holds it. Rebuilding one costs well under a millisecond, less than any AWS call.
 */
final class ClientCache {
    private final int capacity;
    private final Map<String, Object> clients;
    private long evictions;

    ClientCache(int capacity) {
        this.capacity = capacity;
        this.clients = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
                boolean full = size() > ClientCache.this.capacity;
                if (full) {
                    evictions++;
                }
                return full;
            }
        };
    }

    /**
     * The cached client, else one built now. The build runs outside the lock (building a role's client may build the
     * STS client, another entry); when two threads build the same key at once, the first stored wins.
     */
    @SuppressWarnings("unchecked")
    <C> C get(String key, Supplier<C> build) {
        synchronized (this) {
            Object existing = clients.get(key);
            if (existing != null) {
                return (C) existing;
            }
        }
        C built = build.get();
        synchronized (this) {
            Object raced = clients.putIfAbsent(key, built);
            return raced != null ? (C) raced : built;
        }
    }

    synchronized int size() {
        return clients.size();
    }

    synchronized long evictions() {
        return evictions;
    }

    int capacity() {
        return capacity;
    }

    /** Empties the cache and hands back what it held, to be closed. */
    synchronized List<Object> drain() {
        List<Object> all = new ArrayList<>(clients.values());
        clients.clear();
        return all;
    }
}
