package io.jenkins.plugins.scpuppet.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path resolution and writes a restore uses (and the reads a save uses): a symlink from the cache root down is
 * refused, and nothing is written or read through it.
 */
class CacheRootTest {
    private static final String KEY = "output/Fam/account_id=1/region=x.json";

    @TempDir
    Path tmp;

    private Path root;
    private Path home; // stands for ~/.aws: what a planted link points at
    private Path credentials;

    @BeforeEach
    void layout() throws Exception {
        root = Files.createDirectories(tmp.resolve("ws/.puppet-cache"));
        home = Files.createDirectories(tmp.resolve("home/.aws"));
        credentials = Files.writeString(home.resolve("credentials"), "[default]\naws_secret_access_key=SECRET\n");
    }

    @Test
    void shouldResolveTheRootOnceToItsRealPathThroughLinksAboveIt() throws Exception {
        Path linkedWorkspace = Files.createSymbolicLink(tmp.resolve("linked-ws"), tmp.resolve("ws"));

        CacheRoot opened = CacheRoot.open(linkedWorkspace.resolve(".puppet-cache"));

        assertThat(opened.path()).isEqualTo(root.toRealPath());
        assertThat(opened.target(KEY)).contains(root.toRealPath().resolve(KEY));
    }

    @Test
    void shouldRefuseASymlinkedRoot() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("ws/linked-cache"), root);

        assertThatThrownBy(() -> CacheRoot.open(link))
                .isInstanceOf(CacheRoot.SymlinkRefused.class)
                .hasMessageContaining(link.toString())
                .hasMessageContaining("remove the symlink");
    }

    @Test
    void shouldRefuseASymlinkedOutputOnResolveReadAndWrite() throws Exception {
        Files.createSymbolicLink(root.resolve("output"), home);
        CacheRoot opened = CacheRoot.open(root);
        Path output = opened.output();

        assertRefused(() -> opened.target(KEY), output);
        assertRefused(() -> opened.place(output.resolve("Fam/n=a.json"), "planted".getBytes()), output);
        assertRefused(() -> opened.read(output.resolve("credentials")), output);
        assertHomeUntouched();
    }

    @Test
    void shouldRefuseASymlinkedFolderInsideOutput() throws Exception {
        Path fam = Files.createDirectories(root.resolve("output")).resolve("Fam");
        Files.createSymbolicLink(fam, home);
        CacheRoot opened = CacheRoot.open(root);
        Path target = opened.path().resolve(KEY);

        assertRefused(() -> opened.target(KEY), opened.path().resolve("output/Fam"));
        assertRefused(
                () -> opened.createFolders(target.getParent()), opened.path().resolve("output/Fam"));
        assertRefused(
                () -> opened.place(target, "planted".getBytes()), opened.path().resolve("output/Fam"));
        assertRefused(
                () -> opened.read(opened.path().resolve("output/Fam/credentials")),
                opened.path().resolve("output/Fam"));
        assertHomeUntouched();
    }

    @Test
    void shouldRefuseASymlinkedFileInsideOutputAndLeaveTheLinkAlone() throws Exception {
        Path folder = Files.createDirectories(root.resolve("output/Fam/account_id=1"));
        Path file = Files.createSymbolicLink(folder.resolve("region=x.json"), credentials);
        CacheRoot opened = CacheRoot.open(root);
        Path real = opened.path().resolve(KEY);

        assertRefused(() -> opened.target(KEY), real);
        assertRefused(() -> opened.read(real), real);
        assertRefused(() -> opened.place(real, "planted".getBytes()), real);
        assertThat(Files.isSymbolicLink(file)).isTrue();
        assertHomeUntouched();
    }

    @Test
    void shouldRefuseALinkPlantedAfterThePathWasResolved() throws Exception {
        CacheRoot opened = CacheRoot.open(root);
        Path target = opened.target(KEY).orElseThrow(); // resolved while everything was real
        opened.place(target, "first".getBytes());
        Path fam = opened.path().resolve("output/Fam");
        // Swapped for a link between the resolution and the next write or read.
        Files.move(fam, tmp.resolve("moved-away"));
        Files.createSymbolicLink(fam, home);
        Files.createDirectories(home.resolve("account_id=1"));

        assertRefused(() -> opened.place(target, "second".getBytes()), fam);
        assertRefused(() -> opened.read(target), fam);
        assertThat(home.resolve("account_id=1")).isEmptyDirectory();
    }

    @Test
    void shouldCreateAMissingRootAndWriteAndReadBackWithoutLeavingTempFiles() throws Exception {
        CacheRoot opened = CacheRoot.open(tmp.resolve("ws/new/cache"));
        Path target = opened.target(KEY).orElseThrow();

        opened.place(target, "one".getBytes(StandardCharsets.UTF_8));
        opened.place(target, "two".getBytes(StandardCharsets.UTF_8));

        assertThat(opened.read(target)).asString(StandardCharsets.UTF_8).isEqualTo("two");
        assertThat(Files.isDirectory(tmp.resolve("ws/new/cache/output"), LinkOption.NOFOLLOW_LINKS))
                .isTrue();
        try (Stream<Path> all = Files.list(target.getParent())) {
            assertThat(all).containsExactly(target);
        }
        assertThat(opened.target("output/../escaped.json")).isEmpty();
    }

    @Test
    void shouldDeleteOnlyInsideTheCacheNeverThroughALink() throws Exception {
        CacheRoot opened = CacheRoot.open(root);
        Path target = opened.target(KEY).orElseThrow();
        opened.place(target, "one".getBytes(StandardCharsets.UTF_8));

        assertThat(opened.delete(target)).isTrue();
        assertThat(opened.delete(target)).isFalse();
        assertThat(target).doesNotExist();

        Path fam = opened.path().resolve("output/Fam");
        Files.move(fam, tmp.resolve("moved-away"));
        Files.createSymbolicLink(fam, home);
        Files.createDirectories(home.resolve("account_id=1"));
        Files.writeString(home.resolve("account_id=1/region=x.json"), "kept");

        assertRefused(() -> opened.delete(target), fam);
        assertThat(home.resolve("account_id=1/region=x.json")).hasContent("kept");
    }

    private void assertHomeUntouched() throws Exception {
        try (Stream<Path> all = Files.walk(home)) {
            assertThat(all).containsExactlyInAnyOrder(home, credentials);
        }
        assertThat(Files.readString(credentials)).contains("SECRET");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Path link) {
        assertThatThrownBy(call)
                .isInstanceOf(CacheRoot.SymlinkRefused.class)
                .hasMessageStartingWith(link + " is a symbolic link")
                .hasMessageContaining("remove the symlink");
    }
}
