package io.jenkins.plugins.scpuppet.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The per-run area: results of non-cacheable tasks, one JSON line each, in {@code runs/<runId>/results.jsonl}.
 *
 * <p>This plays the role of upstream's per-run {@code cache_invalidator} paths, but lives outside {@code output/}, so
 * it is never mistaken for cache and never mirrored. One file per run instead of one per task keeps cold runs fast.
 */
final class RunJournal implements AutoCloseable {
    static final String RUNS = "runs";
    static final String RESULTS = "results.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputStream out;

    private RunJournal(OutputStream out) {
        this.out = out;
    }

    /** Opens {@code runs/<runId>/results.jsonl}, owner-only like its folders: results may name what a run did. */
    static RunJournal open(Path cacheRoot, String runId) throws IOException {
        Path runs = OwnerOnly.folder(cacheRoot.resolve(RUNS));
        Path file = OwnerOnly.file(OwnerOnly.folder(runs.resolve(runId)).resolve(RESULTS));
        return new RunJournal(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    static RunJournal discarding() {
        return new RunJournal(OutputStream.nullOutputStream());
    }

    /** Appends a non-cacheable result; returns the digest of the result. */
    String append(TaskSpec spec, TaskResultRecord record) throws IOException {
        byte[] resultBytes = JSON.writeValueAsBytes(record.result());
        String digest = Digests.sha256Hex(resultBytes);
        ObjectNode line = TargetStore.document(spec, record, digest);
        byte[] bytes = JSON.writeValueAsBytes(line);
        synchronized (this) {
            out.write(bytes);
            out.write('\n');
        }
        return digest;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
