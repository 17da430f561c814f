package io.jenkins.plugins.scpuppet.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads and writes cacheable targets under a cache root.
 *
 * <p>Writes are atomic (hidden temp file in the same folder, then an atomic rename), so a crash never leaves a
 * truncated file under a target name. Reads verify everything the file claims: format, family, implementation version,
 * significant parameters and the SHA-256 of the result. Anything off is {@link TargetRead.Invalid}, never an
 * exception.
 */
public final class TargetStore {
    static final int FORMAT = 1;
    static final String TEMP_SUFFIX = ".tmp";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final boolean fsync;

    public TargetStore(Path root, boolean fsync) {
        this.root = root.toAbsolutePath().normalize();
        this.fsync = fsync;
    }

    public Path root() {
        return root;
    }

    public Path pathOf(TaskSpec spec) {
        return root.resolve(TargetPaths.relativePath(spec));
    }

    /** Looks up and verifies the target of {@code spec}. */
    public TargetRead read(TaskSpec spec) {
        Path file = pathOf(spec);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new TargetRead.Missing();
        } catch (IOException e) {
            return new TargetRead.Invalid("cannot read: " + e.getMessage());
        }
        try {
            return verify(spec, JSON.readTree(bytes));
        } catch (IOException e) {
            return new TargetRead.Invalid("not valid JSON (truncated or corrupt)");
        }
    }

    private static TargetRead verify(TaskSpec spec, JsonNode doc) throws JsonProcessingException {
        if (doc == null || !doc.isObject() || doc.path("format").asInt() != FORMAT) {
            return new TargetRead.Invalid("unknown target format");
        }
        if (!spec.key().family().equals(doc.path("family").asText())) {
            return new TargetRead.Invalid(
                    "written by family " + doc.path("family").asText());
        }
        int version = doc.path("implementationVersion").asInt(-1);
        if (version != spec.family().implementationVersion()) {
            int now = spec.family().implementationVersion();
            return new TargetRead.Invalid(
                    "stale: implementation version " + version + ", now " + now,
                    CacheMiss.implementationChanged(version, now));
        }
        JsonNode params = doc.path("parameters");
        if (!params.isObject()) {
            return new TargetRead.Invalid("no parameters");
        }
        List<ParameterChange> changes = ParameterDiff.of(spec, params);
        if (changes == null) {
            return new TargetRead.Invalid("a stored parameter is not a string");
        }
        if (!changes.isEmpty()) {
            return new TargetRead.Invalid(
                    "stale: parameter " + changes.get(0).parameter() + " differs",
                    CacheMiss.parametersChanged(changes));
        }
        JsonNode result = doc.get("result");
        String expected = doc.path("resultSha256").asText();
        if (result == null) {
            return new TargetRead.Invalid("no result");
        }
        String actual = Digests.sha256Hex(JSON.writeValueAsBytes(result));
        if (!actual.equals(expected)) {
            return new TargetRead.Invalid("result digest mismatch");
        }
        return new TargetRead.Hit(
                result, actual, Math.max(0, doc.path("durationMs").asLong()));
    }

    /** What a finished task leaves behind. */
    public record Written(Path path, String resultSha256) {}

    /** Serializes and atomically writes the target of a finished task. */
    public Written write(TaskSpec spec, TaskResultRecord record) throws IOException {
        byte[] resultBytes = JSON.writeValueAsBytes(record.result());
        String digest = Digests.sha256Hex(resultBytes);
        ObjectNode doc = document(spec, record, digest);
        Path file = pathOf(spec);
        writeAtomically(file, JSON.writeValueAsBytes(doc));
        return new Written(file, digest);
    }

    static ObjectNode document(TaskSpec spec, TaskResultRecord record, String digest) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("format", FORMAT);
        doc.put("family", spec.key().family());
        doc.put("implementationVersion", spec.family().implementationVersion());
        ObjectNode params = doc.putObject("parameters");
        spec.key().parameters().forEach(params::put);
        doc.put("startedAt", Instant.ofEpochMilli(record.startedAtMillis()).toString());
        doc.put("finishedAt", Instant.ofEpochMilli(record.finishedAtMillis()).toString());
        doc.put("durationMs", record.finishedAtMillis() - record.startedAtMillis());
        // An array, not an object keyed by task id: ids as field names would grow Jackson's symbol table.
        ArrayNode inputs = doc.putArray("requirements");
        record.inputDigests()
                .forEach((key, sha) -> inputs.addObject().put("task", key.id()).put("resultSha256", sha));
        doc.put("resultSha256", digest);
        doc.set("result", record.result());
        return doc;
    }

    private void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path dir = file.getParent();
        Path temp = dir.resolve("." + file.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + TEMP_SUFFIX);
        try {
            writeTemp(temp, bytes);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the cache folder's file system cannot rename atomically: " + dir, e);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Writes the temp file, creating its folder on first use (cheaper than checking before every write). */
    private void writeTemp(Path temp, byte[] bytes) throws IOException {
        try {
            writeFile(temp, bytes);
        } catch (NoSuchFileException e) {
            Files.createDirectories(temp.getParent());
            writeFile(temp, bytes);
        }
    }

    private void writeFile(Path temp, byte[] bytes) throws IOException {
        if (!fsync) {
            Files.write(temp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return;
        }
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(true);
        }
    }
}
