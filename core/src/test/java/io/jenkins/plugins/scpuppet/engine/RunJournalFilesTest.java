package io.jenkins.plugins.scpuppet.engine;

import static io.jenkins.plugins.scpuppet.engine.Runs.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run journal is owner-only, and only the newest runs' journals are kept. */
class RunJournalFilesTest {
    @TempDir
    Path cache;

    @Test
    void shouldCreateTheJournalOwnerOnlyAndTightenARunsFolderMadeBefore() throws Exception {
        assumeTrue(cache.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Files.createDirectories(
                cache.resolve("runs"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        RunSummary run =
                Runs.run(cache, List.of(task(TestFamily.PLAIN, "lookup").build()), RunListener.NONE);

        Path dir = cache.resolve("runs").resolve(run.runId());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.resolve("runs"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("results.jsonl"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("results.jsonl"))).contains("lookup");
    }

    @Test
    void shouldKeepExactlyTheNewestRunsAndAlwaysTheCurrentOne() throws Exception {
        // 14 earlier runs, written a minute apart; the current run's folder is the oldest of all by its times.
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            ids.add(run("run-" + i, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * (i + 1))));
        }
        String current = run("current", Instant.parse("2025-12-31T00:00:00Z"));

        List<String> deleted = RunRetention.prune(cache, 10, current);

        // Kept: the current run and the 9 newest others (run-5 .. run-13).
        assertThat(remaining()).hasSize(10).contains(current).containsAll(ids.subList(5, 14));
        assertThat(deleted).containsExactlyElementsOf(ids.subList(0, 5));
    }

    @Test
    void shouldKeepOnlyTheCurrentRunWhenOneIsKeptAndRefuseZero() throws Exception {
        run("older", Instant.parse("2026-01-02T00:00:00Z"));
        String current = run("current", Instant.parse("2026-01-01T00:00:00Z"));

        RunRetention.prune(cache, 1, current);

        assertThat(remaining()).containsExactly(current);
        assertThatThrownBy(() -> RunRetention.prune(cache, 0, current)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldCountTheCurrentRunAmongTheTenKeptByDefault() throws Exception {
        for (int i = 0; i < 12; i++) {
            run("old-" + i, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i));
        }
        RunSummary now =
                Runs.run(cache, List.of(task(TestFamily.PLAIN, "lookup").build()), RunListener.NONE);

        RunRetention.prune(cache, RunRetention.DEFAULT_KEEP, now.runId());

        assertThat(remaining()).hasSize(10).contains(now.runId());
    }

    private String run(String id, Instant written) throws Exception {
        Path dir = Files.createDirectories(cache.resolve("runs").resolve(id));
        Path journal = Files.writeString(dir.resolve("results.jsonl"), "{}\n");
        Files.setLastModifiedTime(journal, FileTime.from(written));
        Files.setLastModifiedTime(dir, FileTime.from(written));
        return id;
    }

    private List<String> remaining() throws Exception {
        try (Stream<Path> dirs = Files.list(cache.resolve("runs"))) {
            return dirs.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
