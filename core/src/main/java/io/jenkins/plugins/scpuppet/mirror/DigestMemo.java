package io.jenkins.plugins.scpuppet.mirror;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Remembers the SHA-256 of each local target with the stamp (size, modification time, inode) it had when hashed, in
 * {@code <cache>/.puppet-mirror-digests}, beside {@code output/} so it is never mirrored. It only saves re-reading
 * unchanged files on a save; restores always verify downloaded bytes. A missing, unreadable or foreign memo is
 * ignored: everything is hashed again.
 */
final class DigestMemo {
    static final String FILE = ".puppet-mirror-digests";
    private static final String HEADER = "scpuppet-digests 1";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** What identifies one version of a file without reading it. */
    record Stamp(long size, long modifiedNanos, String fileKey) {
        static Stamp of(BasicFileAttributes attrs) {
            Object key = attrs.fileKey();
            return new Stamp(
                    attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS), key == null ? "" : key.toString());
        }
    }

    private record Line(Stamp stamp, String sha256) {}

    private final Map<String, Line> lines = new HashMap<>();

    /** The remembered digest, or null unless the file still has exactly that stamp (and a known identity). */
    String digest(String key, Stamp stamp) {
        Line line = lines.get(key);
        return line != null && !stamp.fileKey().isEmpty() && line.stamp().equals(stamp) ? line.sha256() : null;
    }

    void put(String key, Stamp stamp, String sha256) {
        if (key.indexOf('\t') < 0 && key.indexOf('\n') < 0 && key.indexOf('\r') < 0) {
            lines.put(key, new Line(stamp, sha256)); // a key the line format cannot hold is simply hashed each time
        }
    }

    int size() {
        return lines.size();
    }

    static DigestMemo load(Path cacheRoot) {
        DigestMemo memo = new DigestMemo();
        List<String> text;
        try {
            text = Files.readAllLines(cacheRoot.resolve(FILE), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return memo;
        } catch (IOException | RuntimeException e) {
            return memo; // unreadable or not UTF-8: start over
        }
        if (text.isEmpty() || !text.get(0).equals(HEADER)) {
            return memo;
        }
        for (String row : text.subList(1, text.size())) {
            String[] f = row.split("\t", -1);
            if (f.length != 5 || !SHA256.matcher(f[4]).matches()) {
                return new DigestMemo(); // damaged: trust none of it
            }
            try {
                memo.put(f[0], new Stamp(Long.parseLong(f[1]), Long.parseLong(f[2]), f[3]), f[4]);
            } catch (NumberFormatException e) {
                return new DigestMemo();
            }
        }
        return memo;
    }

    /** Writes the memo; failing to write it only costs hashing next time. */
    void store(Path cacheRoot) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        lines.forEach((key, line) -> text.append(key)
                .append('\t')
                .append(line.stamp().size())
                .append('\t')
                .append(line.stamp().modifiedNanos())
                .append('\t')
                .append(line.stamp().fileKey())
                .append('\t')
                .append(line.sha256())
                .append('\n'));
        AtomicWrite.quietly(cacheRoot.resolve(FILE), text.toString());
    }
}
