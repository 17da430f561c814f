package io.jenkins.plugins.scpuppet.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The targets a purge deleted, so the next run can say a task ran because its target was PURGED rather than never
 * written. One relative target path a line in {@value #FILE} under the cache root; the next run that writes targets
 * reads it once and deletes it.
 */
public final class PurgeRecord {
    public static final String FILE = "purged-targets.txt";

    private PurgeRecord() {}

    /** Adds purged targets (paths relative to the cache root, e.g. {@code output/Family/a=1.json}). */
    public static void record(Path cacheRoot, Collection<String> targets) throws IOException {
        if (targets.isEmpty()) {
            return;
        }
        Set<String> all = new TreeSet<>(load(cacheRoot));
        all.addAll(targets);
        Files.createDirectories(cacheRoot);
        Path temp = Files.createTempFile(cacheRoot, "." + FILE, ".tmp");
        try {
            Files.write(temp, all, StandardCharsets.UTF_8);
            Files.move(temp, cacheRoot.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The recorded targets; empty when there is no record or it cannot be read (it only refines a reason). */
    public static Set<String> load(Path cacheRoot) {
        try {
            return Set.copyOf(Files.readAllLines(cacheRoot.resolve(FILE), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Set.of();
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    static void clear(Path cacheRoot) {
        try {
            Files.deleteIfExists(cacheRoot.resolve(FILE));
        } catch (IOException e) {
            // Left for the next run, which names the same targets PURGED if they are still missing: harmless.
        }
    }
}
