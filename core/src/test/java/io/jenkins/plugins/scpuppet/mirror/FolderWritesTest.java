package io.jenkins.plugins.scpuppet.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restore's writes: folders held open within a bound, every file placed whole, and never through a link. */
class FolderWritesTest {
    @TempDir
    Path tmp;

    private CacheRoot root;

    @BeforeEach
    void layout() throws Exception {
        root = CacheRoot.open(Files.createDirectories(tmp.resolve("ws/.puppet-cache")));
    }

    @Test
    void shouldPlaceEveryFileFromManyThreadsWithAtMostTheBoundOfFoldersOpen() throws Exception {
        int folders = FolderWrites.MAX_OPEN * 3;
        List<List<Path>> perFolder = new ArrayList<>();
        FolderWrites writes = new FolderWrites(root);
        for (int f = 0; f < folders; f++) {
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Path file = file(f, i);
                writes.expect(file);
                files.add(file);
            }
            perFolder.add(files);
        }
        writes.folders().forEach(this::createFolders);
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try (writes) {
            List<Future<?>> running = new ArrayList<>();
            for (Path file : FolderWrites.order(perFolder)) {
                running.add(threads.submit(() -> {
                    try {
                        writes.write(file, content(file));
                    } finally {
                        writes.done(file);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            threads.shutdown();
        }

        assertThat(writes.mostOpen()).isBetween(1, FolderWrites.MAX_OPEN);
        assertThat(writes.openNow()).isZero(); // each folder closed after its last file
        for (List<Path> files : perFolder) {
            for (Path file : files) {
                assertThat(file).hasBinaryContent(content(file));
            }
        }
        try (Stream<Path> all = Files.walk(root.output())) {
            assertThat(all.filter(Files::isRegularFile)).hasSize(folders * 5); // no temp file left behind
        }
    }

    @Test
    void shouldWalkFromTheRootForFoldersBeyondTheBoundAndStillPlaceThem() throws Exception {
        int folders = FolderWrites.MAX_OPEN + 10;
        FolderWrites writes = new FolderWrites(root);
        List<Path> firsts = new ArrayList<>();
        for (int f = 0; f < folders; f++) {
            writes.expect(file(f, 0));
            writes.expect(file(f, 1)); // never done: every folder stays wanted
            firsts.add(file(f, 0));
        }
        try (writes) {
            for (Path file : firsts) {
                createFolders(file.getParent());
                writes.write(file, content(file));
            }
            assertThat(writes.openNow()).isEqualTo(FolderWrites.MAX_OPEN);
        }

        assertThat(writes.openNow()).isZero();
        for (Path file : firsts) {
            assertThat(file).hasBinaryContent(content(file));
        }
    }

    @Test
    void shouldRefuseALinkPutWhereAnOpenFolderWasEvenOneLeadingBackToIt() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home/.aws/account_id=1/region=x"));
        // A link elsewhere, and a link to the very folder still held open: neither gets a file.
        for (boolean backToIt : List.of(false, true)) {
            Path movedAway = tmp.resolve("moved-away-" + backToIt);
            Path linkTo = backToIt ? movedAway : tmp.resolve("home/.aws");
            FolderWrites writes = new FolderWrites(root);
            Path first = file(1, 0);
            Path second = file(1, 1);
            writes.expect(first);
            writes.expect(second);
            createFolders(first.getParent());
            try (writes) {
                writes.write(first, content(first));
                writes.done(first); // the folder stays open for the second file
                Path family = root.output().resolve("Fam");
                Files.move(family, movedAway);
                Files.createSymbolicLink(family, linkTo);

                assertThatThrownBy(() -> writes.write(second, content(second)))
                        .as("a link to %s", linkTo)
                        .isInstanceOf(CacheRoot.SymlinkRefused.class)
                        .hasMessageStartingWith(family + " is a symbolic link");
                assertThat(home).isEmptyDirectory();
                try (Stream<Path> moved = Files.list(movedAway.resolve("account_id=1/region=x"))) {
                    assertThat(moved).containsExactly(movedAway.resolve("account_id=1/region=x/launch-0.json"));
                }
                Files.delete(family); // the link: the next round writes a fresh Fam
            }
        }
    }

    @Test
    void shouldMakeAFolderRemovedBeforeItsFirstFileAgain() throws Exception {
        FolderWrites writes = new FolderWrites(root);
        Path file = file(1, 0);
        writes.expect(file);
        try (writes) {
            writes.write(file, content(file)); // never created: the walk from the root makes it

            assertThat(file).hasBinaryContent(content(file));
        }
    }

    @Test
    void shouldTakeTheFoldersOfAWaveInTurnAndTheWavesOfEqualSizeOneAfterAnother() {
        int folders = FolderWrites.FOLDERS_PER_WAVE + 3; // two waves, of 18 and 17 folders, not of 32 and 3
        int firstWave = (folders + 1) / 2;
        List<List<String>> perFolder = IntStream.range(0, folders)
                .mapToObj(f -> List.of(f + "a", f + "b"))
                .toList();

        List<String> order = FolderWrites.order(perFolder);

        List<String> expected = new ArrayList<>();
        IntStream.range(0, firstWave).forEach(f -> expected.add(f + "a"));
        IntStream.range(0, firstWave).forEach(f -> expected.add(f + "b"));
        IntStream.range(firstWave, folders).forEach(f -> expected.add(f + "a"));
        IntStream.range(firstWave, folders).forEach(f -> expected.add(f + "b"));
        assertThat(order).containsExactlyElementsOf(expected);
        assertThat(FolderWrites.order(List.of())).isEmpty();
    }

    private Path file(int folder, int i) {
        return root.output().resolve("Fam/account_id=" + folder + "/region=x/launch-" + i + ".json");
    }

    private static byte[] content(Path file) {
        return ("{\"file\":\"" + file.getFileName() + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private void createFolders(Path folder) {
        try {
            root.createFolders(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
