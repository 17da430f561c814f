package io.jenkins.plugins.scpuppet.mirror;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Object keys of the mirrored cache. Targets keep their path relative to the cache root ({@code output/...}), so
 * {@code aws s3 rm --recursive s3://<bucket>/output} still empties everything; the mirror's own bookkeeping lives
 * under {@code output/_puppet/}, a name no task family can have.
 */
public final class CacheKeys {
    public static final String PREFIX = "output/";
    public static final String META = PREFIX + "_puppet/";
    public static final String INDEX = META + "index.json";
    public static final String LEASE = META + "lease.json";
    public static final String GRAPH = META + "graph.json";

    private CacheKeys() {}

    /**
     * The local file for a key, or empty when the key must be refused: not under {@code output/}, absolute, with
     * backslashes, empty, {@code .} or {@code ..} segments, a temp-file name, or anything that would resolve outside
     * {@code <root>/output}.
     */
    public static Optional<Path> localPath(Path cacheRoot, String key) {
        if (key == null || !key.startsWith(PREFIX) || key.startsWith(META) || key.length() > 1024) {
            return Optional.empty();
        }
        if (key.contains("\\") || key.contains("\u0000") || key.contains(":")) {
            return Optional.empty();
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.startsWith(".")) {
                return Optional.empty();
            }
        }
        Path output = cacheRoot.toAbsolutePath().normalize().resolve("output");
        Path resolved = cacheRoot.toAbsolutePath().normalize().resolve(key).normalize();
        if (!resolved.startsWith(output) || resolved.equals(output)) {
            return Optional.empty();
        }
        return Optional.of(resolved);
    }

    /** The key of a local target file. */
    public static String keyOf(Path cacheRoot, Path file) {
        return cacheRoot
                .toAbsolutePath()
                .normalize()
                .relativize(file.toAbsolutePath().normalize())
                .toString()
                .replace(java.io.File.separatorChar, '/');
    }
}
