package io.jenkins.plugins.scpuppet.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Maps a task key to its target path, relative to the cache root: {@code output/<Family>/<name>=<value>/...json}.
 *
 * <p>The mapping is injective and can never leave {@code output/<Family>/}: every character outside {@code
 * [A-Za-z0-9_.-]} is percent-encoded (UTF-8; a lone surrogate as {@code %uXXXX}), a leading dot is encoded so no
 * segment is {@code .} or {@code ..}, and {@code =} inside names and values is encoded so the split is unambiguous.
 * Segments longer than {@value #MAX_SEGMENT} characters keep a readable prefix and end in {@code ~} plus a SHA-256 of
 * the full segment; {@code ~} never comes out of the encoding, so hashed and plain segments cannot collide.
 */
public final class TargetPaths {
    /** Folder under the cache root that holds cacheable targets (the part mirrored to S3). */
    public static final String OUTPUT = "output";

    static final int MAX_SEGMENT = 120;
    private static final int HASHED_PREFIX = 60;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private TargetPaths() {}

    /** Relative path of a task's target: named by its family's path parameters (all, by default). */
    public static String relativePath(TaskSpec spec) {
        Set<String> named = spec.family().pathParameters();
        if (named == null) {
            return relativePath(spec.key());
        }
        TreeMap<String, String> slot = new TreeMap<>(spec.key().parameters());
        slot.keySet().retainAll(named);
        return relativePath(TaskKey.of(spec.key().family(), slot));
    }

    /** Relative path with forward slashes, e.g. {@code output/SharePortfolioTask/account_id=1/region=x.json}. */
    public static String relativePath(TaskKey key) {
        StringBuilder path =
                new StringBuilder(OUTPUT).append('/').append(key.family()).append('/');
        Iterator<Map.Entry<String, String>> it = key.parameters().entrySet().iterator();
        if (!it.hasNext()) {
            return path.append("task.json").toString();
        }
        while (it.hasNext()) {
            Map.Entry<String, String> e = it.next();
            path.append(segment(e.getKey(), e.getValue()));
            path.append(it.hasNext() ? "/" : ".json");
        }
        return path.toString();
    }

    static String segment(String name, String value) {
        String plain = escape(name) + "=" + escape(value);
        if (plain.length() <= MAX_SEGMENT) {
            return plain;
        }
        return plain.substring(0, HASHED_PREFIX).replaceAll("%[0-9A-Fu]{0,4}$", "") + "~" + sha256(plain);
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isPlain(c) && !(i == 0 && c == '.')) {
                out.append(c);
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                appendUtf8(out, value.substring(i, i + 2));
                i++;
            } else if (Character.isSurrogate(c)) {
                out.append("%u").append(HEX.toHexDigits(c));
            } else {
                appendUtf8(out, String.valueOf(c));
            }
        }
        return out.toString();
    }

    private static boolean isPlain(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '_'
                || c == '-'
                || c == '.';
    }

    private static void appendUtf8(StringBuilder out, String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            out.append('%').append(HEX.toHexDigits(b));
        }
    }

    static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
