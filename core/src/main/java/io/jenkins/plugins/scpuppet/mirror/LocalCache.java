package io.jenkins.plugins.scpuppet.mirror;

import io.jenkins.plugins.scpuppet.engine.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The workspace side: the target files under {@code <cache>/output}, with their digests. */
final class LocalCache {
    private LocalCache() {}

    /**
     * Key to entry for every target file (temp files and the mirror's own folder are not targets). Files are read and
     * hashed in parallel: a no-change save is mostly this scan.
     */
    static Map<String, CacheIndex.Entry> scan(Path cacheRoot) throws IOException {
        Path output = cacheRoot.resolve("output");
        if (!Files.isDirectory(output)) {
            return new TreeMap<>();
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(output)) {
            files = walk.filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile)
                    .toList();
        }
        Map<String, CacheIndex.Entry> out = new ConcurrentHashMap<>();
        try {
            files.parallelStream().forEach(f -> {
                String key = CacheKeys.keyOf(cacheRoot, f);
                if (!key.startsWith(CacheKeys.META)) {
                    try {
                        byte[] bytes = Files.readAllBytes(f);
                        out.put(key, new CacheIndex.Entry(Digests.sha256Hex(bytes), bytes.length));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new TreeMap<>(out);
    }
}
