package io.jenkins.plugins.scpuppet.mirror;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this workspace last knew to be in S3: the index's ETag and the fingerprint of the local cache it covered. A
 * save whose local fingerprint is unchanged and whose index still has that ETag (one HEAD request) has nothing to do,
 * without downloading and parsing the index. Kept in {@code <cache>/.puppet-mirror-published}, never mirrored; when
 * missing or unreadable the save simply compares against the index.
 */
record LastPublished(String indexEtag, String fingerprint) {
    static final String FILE = ".puppet-mirror-published";

    static LastPublished load(Path cacheRoot) {
        try {
            String[] f = Files.readString(cacheRoot.resolve(FILE), StandardCharsets.UTF_8)
                    .strip()
                    .split("\t", -1);
            return f.length == 2 && !f[0].isEmpty() && f[1].matches("[0-9a-f]{64}")
                    ? new LastPublished(f[0], f[1])
                    : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Writes it; failing to write only costs an index download next time. */
    void store(Path cacheRoot) {
        AtomicWrite.quietly(cacheRoot.resolve(FILE), indexEtag + "\t" + fingerprint + "\n");
    }
}
