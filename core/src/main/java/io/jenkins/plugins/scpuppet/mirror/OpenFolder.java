package io.jenkins.plugins.scpuppet.mirror;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A folder under the cache root held open for many writes, so that each file is placed relative to it instead of by
 * opening every folder on the way again (which costs more than the write itself). It was opened by {@link
 * CacheRoot}'s walk, which follows no link. Before each write, no name from the root down to it may be a link (a
 * {@link CacheRoot.SymlinkRefused}, as the walk would give) and its path must still name this very folder: one moved
 * away, even behind a link to where it went, gets no more files through this handle.
 */
final class OpenFolder implements AutoCloseable {
    private final CacheRoot root;
    private final Path path;
    private final SecureDirectoryStream<Path> stream;
    private final Object key;

    private OpenFolder(CacheRoot root, Path path, SecureDirectoryStream<Path> stream, Object key) {
        this.root = root;
        this.path = path;
        this.stream = stream;
        this.key = key;
    }

    /**
     * Opens {@code folder} through {@code root}'s no-follow walk; null where the platform offers no {@link
     * SecureDirectoryStream} or no file key to recognise the folder by (there every write walks from the root).
     */
    static OpenFolder open(CacheRoot root, Path folder) throws IOException {
        var opened = root.openFolder(folder);
        if (!(opened instanceof SecureDirectoryStream<Path> secure)) {
            opened.close();
            return null;
        }
        Object key;
        try {
            key = secure.getFileAttributeView(BasicFileAttributeView.class)
                    .readAttributes()
                    .fileKey();
        } catch (IOException | RuntimeException e) {
            secure.close();
            throw e;
        }
        if (key == null) {
            secure.close();
            return null;
        }
        return new OpenFolder(root, folder, secure, key);
    }

    /**
     * Writes {@code file} (a name in this folder) as a temp file renamed into place; false, writing nothing, when the
     * folder's path no longer names the folder this handle holds. Throws when a name on the way is a link.
     */
    boolean place(Path file, byte[] bytes) throws IOException {
        if (!stillAtItsPath()) {
            return false;
        }
        AtomicWrite.replace(stream, file, bytes);
        return true;
    }

    private boolean stillAtItsPath() throws IOException {
        // Every name from the root down, not the last alone: a link above it could lead to this very folder.
        BasicFileAttributes now = root.refuseLinks(path);
        return now != null && key.equals(now.fileKey()); // removed, or something else there: the caller walks
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
