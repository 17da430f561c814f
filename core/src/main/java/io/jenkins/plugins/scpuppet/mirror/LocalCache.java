package io.jenkins.plugins.scpuppet.mirror;

import io.jenkins.plugins.scpuppet.engine.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The workspace side: the target files under {@code <cache>/output}, with their digests. */
final class LocalCache {
    private LocalCache() {}

    /** Key to entry for every target file (temp files and the mirror's own folder are not targets). */
    static Map<String, CacheIndex.Entry> scan(Path cacheRoot) throws IOException {
        Path output = cacheRoot.resolve("output");
        Map<String, CacheIndex.Entry> out = new TreeMap<>();
        if (!Files.isDirectory(output)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(output)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (f.getFileName().toString().startsWith(".")) {
                    continue;
                }
                String key = CacheKeys.keyOf(cacheRoot, f);
                if (key.startsWith(CacheKeys.META)) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(f);
                out.put(key, new CacheIndex.Entry(Digests.sha256Hex(bytes), bytes.length));
            }
        }
        return out;
    }
}
