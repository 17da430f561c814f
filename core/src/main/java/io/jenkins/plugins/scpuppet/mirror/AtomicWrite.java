package io.jenkins.plugins.scpuppet.mirror;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file as a temp file renamed into place, so readers see old or new. The temp file is created new and never
 * through a link, and the rename replaces a name, never what a link there points to.
 */
final class AtomicWrite {
    private static final Set<OpenOption> CREATE_NEW =
            Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS);

    private AtomicWrite() {}

    /** Writes {@code text}; a failure leaves the old file (or none) and is not an error: these files are memos. */
    static void quietly(Path target, String text) {
        try {
            Files.createDirectories(target.getParent());
            replace(target, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // a memo that could not be written is recomputed next time
        }
    }

    /** Replaces {@code target} by path (where the platform has no {@link SecureDirectoryStream}). */
    static void replace(Path target, byte[] bytes) throws IOException {
        Path temp = target.resolveSibling(tempName(target.getFileName()));
        try {
            try (SeekableByteChannel out = Files.newByteChannel(temp, CREATE_NEW)) {
                writeAll(out, bytes);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(temp); // after a successful move there is no temp file left to remove
            throw e;
        }
    }

    /**
     * Replaces {@code target} in its open {@code folder}: the temp file is created and renamed relative to the folder
     * itself, so nothing on the way can be swapped for a link meanwhile. A link already at the target is refused.
     */
    static void replace(SecureDirectoryStream<Path> folder, Path target, byte[] bytes) throws IOException {
        Path name = target.getFileName();
        try {
            BasicFileAttributeView view =
                    folder.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            if (view.readAttributes().isSymbolicLink()) {
                throw new CacheRoot.SymlinkRefused(target);
            }
        } catch (NoSuchFileException fresh) {
            // a new target
        }
        Path temp = tempName(name);
        try {
            try (SeekableByteChannel out = folder.newByteChannel(temp, CREATE_NEW)) {
                writeAll(out, bytes);
            }
            folder.move(temp, folder, name);
        } catch (IOException e) {
            try {
                folder.deleteFile(temp);
            } catch (NoSuchFileException moved) {
                // the rename happened, or the temp file was never created
            }
            throw e;
        }
    }

    private static Path tempName(Path name) {
        return Path.of(
                "." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    }

    private static void writeAll(SeekableByteChannel out, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }
}
