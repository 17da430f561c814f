package io.jenkins.plugins.scpuppet.mirror;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Object keys of the mirrored cache. Targets keep their path relative to the cache root ({@code output/...}), so
 * {@code aws s3 rm --recursive s3://<bucket>/output} still empties everything; the mirror's own bookkeeping lives
 * under {@code output/_puppet/}, a name no task family can have.
 *
 * <p>A target key is accepted only in the exact shape the engine's {@code TargetPaths} writes: {@code
 * output/<Family>/task.json}, or {@code output/<Family>/<seg>/.../<seg>.json} where each segment is an escaped {@code
 * name=value} (characters {@code [A-Za-z0-9_.-]} and upper-case {@code %XX} or {@code %uXXXX} escapes, no leading
 * dot) of at most 120 characters, or a hashed one: a prefix of at most 60 such characters, {@code ~} and 64 lower-case
 * hex digits. Anything else in a bucket was not written by a save, so a restore refuses it.
 */
public final class CacheKeys {
    public static final String PREFIX = "output/";
    public static final String META = PREFIX + "_puppet/";
    public static final String INDEX = META + "index.json";
    public static final String LEASE = META + "lease.json";
    public static final String GRAPH = META + "graph.json";

    /** S3's own limit on a key (in bytes; every accepted key is ASCII). */
    static final int MAX_KEY = 1024;

    private static final String JSON = ".json";
    private static final Pattern FAMILY = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,99}");
    private static final String FIRST = "(?:[A-Za-z0-9_-]|%[0-9A-F]{2}|%u[0-9A-F]{4})";
    private static final String NEXT = "(?:[A-Za-z0-9_.-]|%[0-9A-F]{2}|%u[0-9A-F]{4})";
    private static final Pattern PLAIN = Pattern.compile(FIRST + NEXT + "*=(?:" + FIRST + NEXT + "*)?");
    private static final Pattern HASHED = Pattern.compile("[A-Za-z0-9_%-][A-Za-z0-9_.=%-]{0,59}~[0-9a-f]{64}");
    private static final int MAX_PLAIN = 120;

    private CacheKeys() {}

    /** Whether {@code key} has the exact shape of a target key the engine writes. */
    public static boolean isTargetKey(String key) {
        if (key == null || key.length() > MAX_KEY || !key.startsWith(PREFIX) || !key.endsWith(JSON)) {
            return false;
        }
        String[] segments = key.split("/", -1);
        if (segments.length < 3 || !FAMILY.matcher(segments[1]).matches()) {
            return false;
        }
        int last = segments.length - 1;
        if (last == 2 && segments[2].equals("task.json")) {
            return true;
        }
        for (int i = 2; i <= last; i++) {
            String segment = i == last ? segments[i].substring(0, segments[i].length() - JSON.length()) : segments[i];
            boolean plain =
                    segment.length() <= MAX_PLAIN && PLAIN.matcher(segment).matches();
            if (!plain && !HASHED.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The local file for a key, or empty when the key must be refused: anything that is not a target key (see the
     * class comment), so no absolute path, backslash, empty, {@code .} or {@code ..} segment, temp-file name or the
     * mirror's own folder. The result is checked once more to lie under {@code <root>/output}. Purely lexical: {@link
     * CacheRoot#target} also refuses symlinks on the way.
     */
    public static Optional<Path> localPath(Path cacheRoot, String key) {
        if (!isTargetKey(key)) {
            return Optional.empty();
        }
        Path root = cacheRoot.toAbsolutePath().normalize();
        Path output = root.resolve("output");
        Path resolved = root.resolve(key).normalize();
        if (!resolved.startsWith(output) || resolved.getNameCount() <= output.getNameCount() + 1) {
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
