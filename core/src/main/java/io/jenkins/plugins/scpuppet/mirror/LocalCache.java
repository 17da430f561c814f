package io.jenkins.plugins.scpuppet.mirror;

import io.jenkins.plugins.scpuppet.engine.Digests;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;

/**
 * The workspace side: the target files under {@code <cache>/output}, with their SHA-256 digests.
 *
 * <p>Digests are memoised in {@link DigestMemo} by size, modification time and file identity (inode): the engine and
 * restore replace a target by renaming a new file over it, which always changes the inode, so a memo hit means the
 * very same file. A miss (or no memo) reads and hashes the file, in parallel.
 */
final class LocalCache {
    private LocalCache() {}

    /** One scanned file: its key, its stamp for the memo, and where it is. */
    private record Found(String key, DigestMemo.Stamp stamp, Path file) {}

    /** {@link #scan(CacheRoot)} of the folder at {@code cacheRoot}, resolved here. */
    static Map<String, CacheIndex.Entry> scan(Path cacheRoot) throws IOException {
        return scan(CacheRoot.open(cacheRoot));
    }

    /**
     * Key to entry for every target file (temp files, the mirror's own folder and files that are not target keys are
     * not targets). Throws {@link CacheRoot.SymlinkRefused} when the root, {@code output}, the mirror's files beside it,
     * or anything under {@code output} is a symlink: nothing through a link is ever read, hashed or uploaded.
     */
    static Map<String, CacheIndex.Entry> scan(CacheRoot root) throws IOException {
        Path cacheRoot = root.path();
        Path output = root.output();
        root.refuseLinks(output);
        root.refuseLinks(cacheRoot.resolve(DigestMemo.FILE));
        root.refuseLinks(cacheRoot.resolve(LastPublished.FILE));
        if (!Files.isDirectory(output, LinkOption.NOFOLLOW_LINKS)) {
            return new TreeMap<>();
        }
        List<Found> found = walk(cacheRoot, output);
        DigestMemo memo = DigestMemo.load(cacheRoot);
        Map<String, CacheIndex.Entry> out = new ConcurrentHashMap<>();
        List<Found> toHash = new ArrayList<>();
        for (Found f : found) {
            String sha = memo.digest(f.key(), f.stamp());
            if (sha == null) {
                toHash.add(f);
            } else {
                out.put(f.key(), new CacheIndex.Entry(sha, f.stamp().size()));
            }
        }
        try {
            toHash.parallelStream().forEach(f -> {
                try {
                    byte[] bytes;
                    try (InputStream in = Files.newInputStream(f.file(), LinkOption.NOFOLLOW_LINKS)) {
                        bytes = in.readAllBytes(); // a link swapped in since the walk fails here, unread
                    }
                    out.put(f.key(), new CacheIndex.Entry(Digests.sha256Hex(bytes), bytes.length));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (!toHash.isEmpty() || memo.size() != found.size()) {
            DigestMemo next = new DigestMemo();
            // A file replaced between the walk and the read is stored under its old stamp, which it no longer has:
            // the next scan hashes it again.
            found.forEach(f -> next.put(f.key(), f.stamp(), out.get(f.key()).sha256()));
            next.store(cacheRoot);
        }
        return new TreeMap<>(out);
    }

    /**
     * Every target file with its attributes. Directories are listed in parallel: on a cache of 10,000 files the
     * per-file stat calls are most of a no-change save.
     */
    private static List<Found> walk(Path cacheRoot, Path output) throws IOException {
        String rootPrefix = cacheRoot.toAbsolutePath().normalize().toString() + File.separator;
        try {
            return ForkJoinPool.commonPool()
                    .invoke(new ListDirectory(output.toAbsolutePath().normalize(), rootPrefix));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Lists one directory: its target files here, and its subdirectories forked. */
    private static final class ListDirectory extends RecursiveTask<List<Found>> {
        private final Path dir;
        private final String rootPrefix;

        ListDirectory(Path dir, String rootPrefix) {
            this.dir = dir;
            this.rootPrefix = rootPrefix;
        }

        @Override
        protected List<Found> compute() {
            List<Found> found = new ArrayList<>();
            List<ListDirectory> subdirectories = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    BasicFileAttributes attrs =
                            Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    String key = entry.toString().substring(rootPrefix.length()).replace(File.separatorChar, '/');
                    if (attrs.isSymbolicLink()) {
                        throw new CacheRoot.SymlinkRefused(entry);
                    } else if (attrs.isDirectory() && !(key + "/").equals(CacheKeys.META)) {
                        subdirectories.add(new ListDirectory(entry, rootPrefix));
                    } else if (attrs.isRegularFile() && CacheKeys.isTargetKey(key)) {
                        found.add(new Found(key, DigestMemo.Stamp.of(attrs), entry));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            invokeAll(subdirectories);
            for (ListDirectory sub : subdirectories) {
                found.addAll(sub.join());
            }
            return found;
        }
    }
}
