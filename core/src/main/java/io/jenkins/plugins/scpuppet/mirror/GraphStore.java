package io.jenkins.plugins.scpuppet.mirror;

import io.jenkins.plugins.scpuppet.engine.RunSummary;
import java.io.IOException;
import java.util.List;

/**
 * The task graph stored beside the cache: published after a save, read to name what a purge of one task or of the
 * stale targets deletes.
 */
final class GraphStore {
    private final S3Store store;

    GraphStore(S3Store store) {
        this.store = store;
    }

    /** Stores the run's task graph for selective purges (the last run's view wins). */
    void publish(byte[] graphJson) {
        store.put(CacheKeys.GRAPH, graphJson);
    }

    /** The graph stored by the last save, or null. */
    CacheGraph read() throws IOException {
        S3Store.Got got = store.get(CacheKeys.GRAPH);
        return got == null ? null : CacheGraph.fromJson(got.bytes());
    }

    /** Stores the graph of the run just saved, carrying forward from the stored one what the run still relies on. */
    void publishOf(RunSummary summary) {
        CacheGraph previous;
        try {
            previous = read();
        } catch (IOException unreadable) {
            previous = null; // then this run's graph stands alone, and says so only if the run succeeded
        }
        publish(CacheGraph.toJson(summary, previous));
    }

    /**
     * The targets of the one task whose id contains {@code fragment} in the stored graph, and of every task that depends
     * on it when {@code withDependents}: what a purge of that task deletes. Refuses, saying why, when there is no
     * graph or the fragment does not name exactly one task.
     */
    List<String> targetsOfTask(String fragment, boolean withDependents) throws IOException {
        CacheGraph graph = read();
        if (graph == null) {
            throw new IOException(
                    "no task graph stored with the cache yet; run a deploy first, or purge everything without a task");
        }
        List<String> ids = graph.find(fragment);
        if (ids.size() != 1) {
            throw new IOException(
                    ids.isEmpty()
                            ? "no task matches '" + fragment + "'"
                            : "'" + fragment + "' matches " + ids.size() + " tasks; be more specific: " + ids);
        }
        return graph.targetsWithDependents(ids.get(0), withDependents);
    }

    /**
     * Cached objects no task of the manifest uses any more (its items were removed or renamed), according to the
     * graph the last successful run stored. Refuses when there is no such graph: then nothing can be called unused.
     */
    List<String> stale() throws IOException {
        CacheGraph graph = read();
        if (graph == null || !graph.complete()) {
            throw new IOException("the task graph stored with the cache in s3://"
                    + store.bucket().name()
                    + " cannot tell what is unused yet (none stored, or cache hits whose requirements it never saw);"
                    + " run a deploy that succeeds, or purge the cache once so that every task runs and is recorded");
        }
        return graph.unused(store.list(CacheKeys.PREFIX));
    }
}
