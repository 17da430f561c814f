package io.jenkins.plugins.scpuppet.mirror;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/** Writes the mirror's own small workspace files: a temp file renamed into place, so readers see old or new. */
final class AtomicWrite {
    private AtomicWrite() {}

    /** Writes {@code text}; a failure leaves the old file (or none) and is not an error: these files are memos. */
    static void quietly(Path target, String text) {
        Path temp = target.resolveSibling(target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a stray temp file beside output/ is harmless
            }
        }
    }
}
