package io.jenkins.plugins.scpuppet.mirror;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;

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
    private static final int MAX_FAMILY = 100;
    private static final int MAX_PLAIN = 120;
    private static final int MAX_PREFIX = 60;
    private static final int HASH = 64;

    private CacheKeys() {}

    /** Whether {@code key} has the exact shape of a target key the engine writes. */
    public static boolean isTargetKey(String key) {
        if (key == null || key.length() > MAX_KEY || !key.startsWith(PREFIX) || !key.endsWith(JSON)) {
            return false;
        }
        String[] segments = key.split("/", -1);
        if (segments.length < 3 || !isFamily(segments[1])) {
            return false;
        }
        int last = segments.length - 1;
        if (last == 2 && segments[2].equals("task.json")) {
            return true;
        }
        for (int i = 2; i <= last; i++) {
            String segment = i == last ? segments[i].substring(0, segments[i].length() - JSON.length()) : segments[i];
            if (!isPlain(segment) && !isHashed(segment)) {
                return false;
            }
        }
        return true;
    }

    // Hand-written rather than regular expressions: a save checks every local file, 10,000 on a large cache.

    private static boolean isFamily(String s) {
        if (s.isEmpty() || s.length() > MAX_FAMILY || !isLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!isLetter(s.charAt(i)) && !isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code name=value}, both escaped, the name not empty. */
    private static boolean isPlain(String s) {
        if (s.length() > MAX_PLAIN) {
            return false;
        }
        int equals = s.indexOf('=');
        return equals > 0 && isEscaped(s, 0, equals) && isEscaped(s, equals + 1, s.length());
    }

    /** Characters {@code [A-Za-z0-9_.-]}, {@code %XX} and {@code %uXXXX} (upper-case hex), no leading dot. */
    private static boolean isEscaped(String s, int from, int to) {
        if (from < to && s.charAt(from) == '.') {
            return false;
        }
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c == '%') {
                int digits = i + 1 < to && s.charAt(i + 1) == 'u' ? 4 : 2;
                int start = digits == 4 ? i + 2 : i + 1;
                if (start + digits > to) {
                    return false;
                }
                for (int d = start; d < start + digits; d++) {
                    if (!isUpperHex(s.charAt(d))) {
                        return false;
                    }
                }
                i = start + digits;
            } else if (isLetter(c) || isDigit(c) || c == '_' || c == '.' || c == '-') {
                i++;
            } else {
                return false;
            }
        }
        return true;
    }

    /** A long segment: a readable prefix, {@code ~} and the SHA-256 (lower-case hex) of the whole segment. */
    private static boolean isHashed(String s) {
        int tilde = s.length() - HASH - 1;
        if (tilde < 1 || tilde > MAX_PREFIX || s.charAt(tilde) != '~') {
            return false;
        }
        char first = s.charAt(0);
        if (first == '.' || first == '=') {
            return false;
        }
        for (int i = 0; i < tilde; i++) {
            char c = s.charAt(i);
            if (!isLetter(c) && !isDigit(c) && "_.=%-".indexOf(c) < 0) {
                return false;
            }
        }
        for (int i = tilde + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isDigit(c) && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isUpperHex(char c) {
        return isDigit(c) || (c >= 'A' && c <= 'F');
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
                .replace(File.separatorChar, '/');
    }
}
