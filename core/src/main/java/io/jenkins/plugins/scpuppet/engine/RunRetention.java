package io.jenkins.plugins.scpuppet.engine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keeps the journals of the last N runs ({@code runs/<id>/}) and deletes older ones, so a workspace that deploys every
 * hour does not keep every result of every run. Newest means the latest write to the run's folder or its journal; the
 * current run is always kept and counts as one of the N.
 */
public final class RunRetention {
    /** Runs kept when nothing else is configured. */
    public static final int DEFAULT_KEEP = 10;

    private RunRetention() {}

    /**
     * Deletes all but the {@code keep} newest run folders under {@code cacheRoot/runs}, never {@code currentRunId}'s.
     *
     * @return the run ids deleted, oldest first
     */
    public static List<String> prune(Path cacheRoot, int keep, String currentRunId) throws IOException {
        if (keep < 1) {
            throw new IllegalArgumentException("the number of runs kept must be at least 1, got " + keep);
        }
        Path runs = cacheRoot.resolve(RunJournal.RUNS);
        if (!Files.isDirectory(runs, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<Run> others = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(runs)) {
            for (Path dir : dirs) {
                String id = dir.getFileName().toString();
                if (!id.equals(currentRunId) && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    others.add(new Run(id, dir, lastWrite(dir)));
                }
            }
        }
        // Newest first; the current run takes one of the places.
        others.sort(Comparator.comparing(Run::written).thenComparing(Run::id).reversed());
        int keptOthers = Files.isDirectory(runs.resolve(currentRunId)) ? keep - 1 : keep;
        List<String> deleted = new ArrayList<>();
        for (Run old : others.subList(Math.min(keptOthers, others.size()), others.size())) {
            deleteTree(old.dir());
            deleted.add(0, old.id());
        }
        return deleted;
    }

    private record Run(String id, Path dir, FileTime written) {}

    private static FileTime lastWrite(Path dir) throws IOException {
        FileTime latest = Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS);
        Path journal = dir.resolve(RunJournal.RESULTS);
        if (Files.isRegularFile(journal, LinkOption.NOFOLLOW_LINKS)) {
            FileTime written = Files.getLastModifiedTime(journal, LinkOption.NOFOLLOW_LINKS);
            latest = written.compareTo(latest) > 0 ? written : latest;
        }
        return latest;
    }

    /** Deletes a folder and what is in it, without following links out of it. */
    private static void deleteTree(Path dir) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : paths) {
            try {
                Files.delete(p);
            } catch (NoSuchFileException gone) {
                // deleted meanwhile: the goal is reached
            }
        }
    }
}
