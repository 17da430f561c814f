package io.jenkins.plugins.scpuppet.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scpuppet.engine.Digests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
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
        write("output/Other/b.json", "two");
        write("output/Other/.b.json.123.tmp", "half-written");

        Map<String, CacheIndex.Entry> scanned = LocalCache.scan(root);

        assertThat(scanned).containsOnlyKeys(KEY, "output/Other/b.json");
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
}
