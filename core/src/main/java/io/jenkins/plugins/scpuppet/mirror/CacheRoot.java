package io.jenkins.plugins.scpuppet.mirror;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.Set;

/**
 * The cache folder, resolved once: its real path (links above it, such as {@code /var -> /private/var}, are resolved
 * here and only here), and from it down no symbolic link at all. A symlinked root, {@code output}, or folder or file
 * under it is refused with a {@link SymlinkRefused} that names it: a repository that commits {@code
 * .puppet-cache/output -> ~/.aws} must not have the agent's credentials uploaded, nor a restore write through it.
 *
 * <p>Where the platform offers it ({@link SecureDirectoryStream}: Linux, macOS), reads and writes walk down from the
 * root one folder at a time relative to the open folder, never following a link, so a link planted between a check and
 * the write is refused too.
 */
public final class CacheRoot {
    private final Path path;
    private final Path output;

    private CacheRoot(Path path) {
        this.path = path;
        this.output = path.resolve("output");
    }

    /** A symlink where the cache must have a real folder or file. */
    public static final class SymlinkRefused extends IOException {
        private static final long serialVersionUID = 1L;

        SymlinkRefused(Path link) {
            super(link + " is a symbolic link; remove the symlink: the cache folder, its output folder and everything"
                    + " in them must be real directories and files");
        }
    }

    /**
     * Resolves {@code root}: refuses it when it is a symlink (or a file), and otherwise takes its real path. A root that
     * does not exist yet resolves through its nearest existing parent; it is created, without following links, when a
     * target is first written.
     */
    public static CacheRoot open(Path root) throws IOException {
        Path absolute = root.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new NoSuchFileException(absolute.toString());
        }
        if (existing.equals(absolute)) {
            BasicFileAttributes attrs = lstat(absolute);
            if (attrs.isSymbolicLink()) {
                throw new SymlinkRefused(absolute);
            }
            if (!attrs.isDirectory()) {
                throw new IOException(absolute + " is not a directory; the cache folder must be a real directory");
            }
        }
        return new CacheRoot(existing.toRealPath().resolve(existing.relativize(absolute)));
    }

    /** The real path of the cache folder. */
    public Path path() {
        return path;
    }

    /** {@code <root>/output}. */
    public Path output() {
        return output;
    }

    /**
     * The local file of a key, or empty when the key is not a target key ({@link CacheKeys#isTargetKey}). Throws when
     * the root, {@code output} or a folder on the way, or the file itself, is a symlink.
     */
    public Optional<Path> target(String key) throws IOException {
        Optional<Path> file = CacheKeys.localPath(path, key);
        if (file.isPresent()) {
            refuseLinks(file.get());
        }
        return file;
    }

    /**
     * Throws when {@code file} (under the root) or any folder between it and the root is a symlink. Returns the
     * attributes of {@code file} itself, or null when it or a folder on the way does not exist.
     */
    BasicFileAttributes refuseLinks(Path file) throws IOException {
        Path at = path;
        BasicFileAttributes attrs = attributesUnlessLink(at);
        for (Path name : path.relativize(file)) {
            if (attrs == null) {
                return null; // nothing below a missing name can exist
            }
            at = at.resolve(name);
            attrs = attributesUnlessLink(at);
        }
        return attrs;
    }

    /** Creates {@code folder} (under the root) and its missing parents, refusing a symlink anywhere on the way. */
    public void createFolders(Path folder) throws IOException {
        Path at = path;
        Files.createDirectories(path.getParent() == null ? path : path.getParent());
        for (Path name : inside(folder)) {
            if (!checkNotLink(at)) {
                createFolder(at);
            }
            at = at.resolve(name);
        }
        if (!checkNotLink(at)) {
            createFolder(at);
        }
    }

    /**
     * Writes {@code bytes} to {@code file} (under the root): a temp file renamed over it, so readers see the old or the
     * new content. Missing folders are created; a symlink anywhere from the root down is refused, including one
     * planted while this runs.
     */
    public void place(Path file, byte[] bytes) throws IOException {
        createFolders(file.getParent());
        try (DirectoryStream<Path> folder = openFolder(file.getParent())) {
            if (folder instanceof SecureDirectoryStream<Path> secure) {
                AtomicWrite.replace(secure, file, bytes);
                return;
            }
        }
        refuseLinks(file);
        AtomicWrite.replace(file, bytes);
    }

    /** The content of {@code file} (under the root), refusing it when it or any folder on the way is a symlink. */
    public byte[] read(Path file) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        try (DirectoryStream<Path> folder = openFolder(file.getParent())) {
            if (folder instanceof SecureDirectoryStream<Path> secure) {
                try (SeekableByteChannel in = secure.newByteChannel(file.getFileName(), options)) {
                    return readAll(in, file);
                } catch (IOException e) {
                    throw linkOr(file, e);
                }
            }
        }
        refuseLinks(file);
        try (SeekableByteChannel in = Files.newByteChannel(file, options)) {
            return readAll(in, file);
        } catch (IOException e) {
            throw linkOr(file, e);
        }
    }

    /**
     * Deletes {@code file} (under the root) if it is there: the name itself, never what a link on the way points to.
     * True when something was deleted.
     */
    public boolean delete(Path file) throws IOException {
        try (DirectoryStream<Path> folder = openFolder(file.getParent())) {
            if (folder instanceof SecureDirectoryStream<Path> secure) {
                secure.deleteFile(file.getFileName());
                return true;
            }
        } catch (NoSuchFileException gone) {
            return false;
        }
        refuseLinks(file.getParent());
        return Files.deleteIfExists(file);
    }

    /**
     * Opens {@code folder} (under the root) by walking down from the root's parent, each name opened relative to the
     * folder before it and never through a link. Falls back to a plain stream where the platform has no secure one.
     */
    DirectoryStream<Path> openFolder(Path folder) throws IOException {
        Path parent = path.getParent();
        DirectoryStream<Path> at = Files.newDirectoryStream(parent == null ? path : parent);
        if (!(at instanceof SecureDirectoryStream<Path> secure)) {
            return at;
        }
        Path here = parent == null ? path : parent;
        Iterable<Path> names = parent == null ? inside(folder) : here.relativize(folder);
        try {
            for (Path name : names) {
                here = here.resolve(name);
                SecureDirectoryStream<Path> next;
                try {
                    next = secure.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    throw linkOr(here, e);
                }
                secure.close();
                secure = next;
            }
            return secure;
        } catch (IOException | RuntimeException e) {
            secure.close();
            throw e;
        }
    }

    private Path inside(Path p) {
        Path normal = p.toAbsolutePath().normalize();
        if (!normal.startsWith(path)) {
            throw new IllegalArgumentException(normal + " is not under the cache folder " + path);
        }
        return path.relativize(normal);
    }

    private static void createFolder(Path folder) throws IOException {
        try {
            Files.createDirectory(folder);
        } catch (FileAlreadyExistsException raced) {
            // another writer made it first; checked below like any existing folder
        }
        checkNotLink(folder);
    }

    /** True when {@code p} exists and is not a link; false when it does not exist; throws for a link. */
    private static boolean checkNotLink(Path p) throws IOException {
        return attributesUnlessLink(p) != null;
    }

    /** The attributes of {@code p} when it exists and is not a link; null when it does not exist; throws for a link. */
    private static BasicFileAttributes attributesUnlessLink(Path p) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = lstat(p);
        } catch (NoSuchFileException missing) {
            return null;
        }
        if (attrs.isSymbolicLink()) {
            throw new SymlinkRefused(p);
        }
        return attrs;
    }

    /** The error for a failed no-follow open: a clear refusal when a link is what made it fail. */
    private static IOException linkOr(Path p, IOException e) {
        try {
            if (lstat(p).isSymbolicLink()) {
                SymlinkRefused refused = new SymlinkRefused(p);
                refused.addSuppressed(e);
                return refused;
            }
        } catch (IOException gone) {
            // not there at all: the original error says so
        }
        return e;
    }

    private static BasicFileAttributes lstat(Path p) throws IOException {
        return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    private static byte[] readAll(SeekableByteChannel in, Path file) throws IOException {
        long size = in.size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new IOException(file + " is too large for a cache target: " + size + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        while (buffer.hasRemaining() && in.read(buffer) >= 0) {
            // read until full or end of file
        }
        if (!buffer.hasRemaining() && in.read(ByteBuffer.allocate(1)) > 0) {
            throw new IOException(file + " changed while it was read");
        }
        buffer.flip();
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
