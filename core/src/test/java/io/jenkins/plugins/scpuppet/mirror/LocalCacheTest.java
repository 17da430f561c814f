package io.jenkins.plugins.scpuppet.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scpuppet.engine.Digests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCacheTest {
    private static final String KEY = "output/ProvisionProductTask/account_id=1/launch=a.json";

    @TempDir
    Path root;

    private Path write(String key, String content) throws Exception {
        Path file = root.resolve(key);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    @Test
    void shouldHashEveryTargetAndRememberTheDigestsBesideOutput() throws Exception {
        write(KEY, "one");
        write("output/Other/n=b.json", "two");
        write("output/Other/.n=b.json.123.tmp", "half-written");

        Map<String, CacheIndex.Entry> scanned = LocalCache.scan(root);

        assertThat(scanned).containsOnlyKeys(KEY, "output/Other/n=b.json");
        assertThat(scanned.get(KEY)).isEqualTo(new CacheIndex.Entry(Digests.sha256Hex("one".getBytes()), 3));
        List<String> memo = Files.readAllLines(root.resolve(DigestMemo.FILE));
        assertThat(memo).hasSize(3).first().isEqualTo("scpuppet-digests 1");
    }

    @Test
    void shouldTakeTheDigestFromTheMemoWhileTheFileKeepsItsStamp() throws Exception {
        Path file = write(KEY, "one");
        DigestMemo memo = new DigestMemo();
        String remembered = "a".repeat(64);
        memo.put(KEY, DigestMemo.Stamp.of(Files.readAttributes(file, BasicFileAttributes.class)), remembered);
        memo.store(root);

        // The memo's (deliberately different) digest is used, so the file was not read again.
        assertThat(LocalCache.scan(root).get(KEY).sha256()).isEqualTo(remembered);
    }

    @Test
    void shouldHashAgainATargetReplacedByRenameEvenWithTheSameSizeAndTime() throws Exception {
        Path file = write(KEY, "one");
        FileTime time = Files.getLastModifiedTime(file);
        assertThat(LocalCache.scan(root).get(KEY).sha256()).isEqualTo(Digests.sha256Hex("one".getBytes()));

        // What the engine and restore do: a new file renamed over the target (a new inode).
        Path temp = write("output/ProvisionProductTask/account_id=1/.a.json.1.tmp", "two");
        Files.setLastModifiedTime(temp, time);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        assertThat(LocalCache.scan(root).get(KEY).sha256()).isEqualTo(Digests.sha256Hex("two".getBytes()));
    }

    @Test
    void shouldIgnoreADamagedMemoAndHashEverything() throws Exception {
        write(KEY, "one");
        Files.writeString(
                root.resolve(DigestMemo.FILE),
                "scpuppet-digests 1\n" + KEY + "\tnot-a-number\t0\tx\t" + "b".repeat(64) + "\n",
                StandardCharsets.UTF_8);

        assertThat(LocalCache.scan(root).get(KEY).sha256()).isEqualTo(Digests.sha256Hex("one".getBytes()));
    }

    @Test
    void shouldIgnoreFilesThatAreNotTargetKeys() throws Exception {
        write(KEY, "one");
        write("output/notes.txt", "not a target");
        write("output/ProvisionProductTask/x.json", "no name=value");

        assertThat(LocalCache.scan(root)).containsOnlyKeys(KEY);
    }

    /** What a scan for a save must never do: follow a link the repository planted, e.g. to ~/.aws. */
    @Nested
    class Symlinks {
        @TempDir
        Path elsewhere;

        private Path credentials;

        @BeforeEach
        void fakeHome() throws Exception {
            // Target-shaped names too, so that only the refusal (not the key grammar) keeps them out.
            credentials = Files.writeString(elsewhere.resolve("credentials"), "aws_secret_access_key=SECRET");
            Files.createDirectories(elsewhere.resolve("Fam"));
            Files.writeString(elsewhere.resolve("Fam/n=a.json"), "aws_secret_access_key=SECRET");
            Files.writeString(elsewhere.resolve("n=a.json"), "aws_secret_access_key=SECRET");
        }

        @Test
        void shouldRefuseASymlinkedRoot() throws Exception {
            Files.createDirectories(elsewhere.resolve("output/Fam"));
            Files.writeString(elsewhere.resolve("output/Fam/n=a.json"), "SECRET");
            Path link = Files.createSymbolicLink(root.resolve("cache"), elsewhere);

            assertRefusedNaming(link);
            assertThat(elsewhere.resolve(DigestMemo.FILE)).doesNotExist();
        }

        @Test
        void shouldRefuseASymlinkedOutputAndHashNothingBehindIt() throws Exception {
            Path output = Files.createSymbolicLink(root.resolve("output"), elsewhere);

            assertRefusedNaming(output);
            assertThat(root.resolve(DigestMemo.FILE)).doesNotExist(); // nothing was read, so nothing remembered
        }

        @Test
        void shouldRefuseASymlinkedFolderInsideOutput() throws Exception {
            write(KEY, "one");
            Path folder = Files.createSymbolicLink(root.resolve("output/Fam"), elsewhere.resolve("Fam"));

            assertRefusedNaming(folder);
        }

        @Test
        void shouldRefuseASymlinkedFileInsideOutput() throws Exception {
            write(KEY, "one");
            Path file = Files.createSymbolicLink(root.resolve("output/ProvisionProductTask/n=b.json"), credentials);

            assertRefusedNaming(file);
        }

        @Test
        void shouldRefuseASymlinkedMemoBesideOutput() throws Exception {
            write(KEY, "one");
            Path memo = Files.createSymbolicLink(root.resolve(DigestMemo.FILE), credentials);

            assertRefusedNaming(memo);
            assertThat(Files.readString(credentials)).contains("SECRET");
        }

        private void assertRefusedNaming(Path link) {
            Path scanned = link.getFileName().toString().equals("cache") ? link : root;
            assertThatThrownBy(() -> LocalCache.scan(scanned))
                    .isInstanceOf(CacheRoot.SymlinkRefused.class)
                    .hasMessageStartingWith(link + " is a symbolic link")
                    .hasMessageContaining("remove the symlink");
        }
    }
}
