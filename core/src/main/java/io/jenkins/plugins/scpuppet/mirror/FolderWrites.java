package io.jenkins.plugins.scpuppet.mirror;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where one restore writes its files. A folder is opened once ({@link OpenFolder}) and kept open until its last file
 * is placed, instead of opened again from the cache root for every file: on this project's 2-core VM that cost about
 * 70 µs of CPU per file, more than the write. At most {@link #MAX_OPEN} folders are open at once in a restore, whatever
 * the number of accounts and regions; a file whose folder cannot be held open then is placed by the root's own walk.
 * Writers of one folder take turns: threads creating files in one directory at once contend in the kernel.
 */
final class FolderWrites implements AutoCloseable {
    /** Open folders at most: a bound on file descriptors, beside the HTTP connections and the JVM's own. */
    static final int MAX_OPEN = 64;
    /**
     * Folders whose files are taken in turn ({@link #order}) at most: enough to spread the requests in flight, few
     * enough to hold open.
     */
    static final int FOLDERS_PER_WAVE = MAX_OPEN / 2;

    private final CacheRoot root;
    private final Map<Path, Folder> folders = new HashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();

    /** One folder's state, guarded by the folder itself. */
    private static final class Folder {
        int expected;
        OpenFolder handle;
        boolean walkOnly; // the platform cannot hold it open safely
    }

    FolderWrites(CacheRoot root) {
        this.root = root;
    }

    /** Counts one more file to be written (or given up, see {@link #done}) in its folder; before any write. */
    void expect(Path file) {
        folders.computeIfAbsent(file.getParent(), f -> new Folder()).expected++;
    }

    /** The folders {@link #expect}ed. */
    Set<Path> folders() {
        return folders.keySet();
    }

    /**
     * The transfers in the order to run them: a wave of {@link #FOLDERS_PER_WAVE} folders at a time, one file from
     * each in turn, so the requests in flight write to different folders while few folders need to be open.
     */
    static <T> List<T> order(Collection<List<T>> perFolder) {
        List<List<T>> lists = new ArrayList<>(perFolder);
        List<T> out = new ArrayList<>();
        // Waves of equal size: a last wave of one folder would put every request in flight behind one folder's turns.
        int waves = (lists.size() + FOLDERS_PER_WAVE - 1) / FOLDERS_PER_WAVE;
        int perWave = waves == 0 ? 1 : (lists.size() + waves - 1) / waves;
        for (int from = 0; from < lists.size(); from += perWave) {
            List<List<T>> wave = lists.subList(from, Math.min(lists.size(), from + perWave));
            int longest = wave.stream().mapToInt(List::size).max().orElse(0);
            for (int i = 0; i < longest; i++) {
                for (List<T> list : wave) {
                    if (i < list.size()) {
                        out.add(list.get(i));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Writes {@code file} as a temp file renamed into place, never through a link: through its folder's open handle
     * when it has one, by the root's walk when the folder cannot be held open or its path no longer names the folder
     * that was opened (then a link there is refused, {@link CacheRoot.SymlinkRefused}).
     */
    void write(Path file, byte[] bytes) throws IOException {
        Folder folder = folders.get(file.getParent());
        synchronized (folder) {
            if (folder.handle == null && !folder.walkOnly && takeOpenPlace()) {
                try {
                    folder.handle = OpenFolder.open(root, file.getParent());
                    folder.walkOnly = folder.handle == null;
                } catch (NoSuchFileException gone) {
                    // removed since the restore created it: the walk below makes it again
                } finally {
                    if (folder.handle == null) {
                        open.decrementAndGet();
                    }
                }
            }
            if (folder.handle != null && folder.handle.place(file, bytes)) {
                return;
            }
            release(folder); // moved or replaced since it was opened: the next file opens it again
            root.place(file, bytes);
        }
    }

    /** Counts {@code file} as written or given up; its folder is closed after the last one. Once per expected file. */
    void done(Path file) {
        Folder folder = folders.get(file.getParent());
        synchronized (folder) {
            if (--folder.expected == 0) {
                release(folder);
            }
        }
    }

    /** The most folders that were open at once, for tests. */
    int mostOpen() {
        return mostOpen.get();
    }

    /** The folders open now, for tests. */
    int openNow() {
        return open.get();
    }

    private boolean takeOpenPlace() {
        int now = open.incrementAndGet();
        if (now > MAX_OPEN) {
            open.decrementAndGet();
            return false;
        }
        mostOpen.accumulateAndGet(now, Math::max);
        return true;
    }

    private void release(Folder folder) {
        if (folder.handle == null) {
            return;
        }
        try {
            folder.handle.close();
        } catch (IOException e) {
            // a read-only directory handle: nothing written is lost with it
        }
        folder.handle = null;
        open.decrementAndGet();
    }

    /** Closes what is still open: a restore cut short leaves some folders' files unwritten. */
    @Override
    public void close() {
        for (Folder folder : folders.values()) {
            synchronized (folder) {
                release(folder);
            }
        }
    }
}
