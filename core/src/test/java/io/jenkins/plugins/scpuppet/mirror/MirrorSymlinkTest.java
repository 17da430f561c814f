package io.jenkins.plugins.scpuppet.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A save and a restore against a real S3 server (S3Proxy) refuse a symlinked cache root or {@code output}: a repository
 * that commits {@code .puppet-cache/output -> ~/.aws} gets an error, not the agent's credentials in the bucket.
 */
class MirrorSymlinkTest {
    private static final String KEY = "output/Fam/n=a.json";
    private static final String SECRET = "aws_secret_access_key=SECRET";

    @TempDir
    Path tmp;

    private LocalS3 s3;
    private CacheMirror mirror;
    private Path home;

    @BeforeEach
    void start() throws Exception {
        s3 = new LocalS3();
        mirror = new CacheMirror(
                s3.store(),
                MirrorOptions.DEFAULT.withLeaseTimeout(Duration.ZERO, false),
                Clock.systemUTC(),
                s3.signer());
        // A fake ~/.aws, with target-shaped names too, so only the symlink refusal keeps it out of the bucket.
        home = Files.createDirectories(tmp.resolve("home/.aws"));
        Files.writeString(home.resolve("credentials"), SECRET);
        Files.createDirectories(home.resolve("Fam"));
        Files.writeString(home.resolve("Fam/n=a.json"), SECRET);
        Files.createDirectories(home.resolve("output/Fam"));
        Files.writeString(home.resolve("output/Fam/n=a.json"), SECRET);
    }

    @AfterEach
    void stop() throws Exception {
        mirror.close();
        s3.close();
    }

    @Test
    void shouldRefuseToSaveASymlinkedOutputAndUploadNothing() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("ws/.puppet-cache"));
        Path output = Files.createSymbolicLink(root.resolve("output"), home);

        assertThatThrownBy(() -> mirror.save(root, "b1"))
                .isInstanceOf(CacheRoot.SymlinkRefused.class)
                .hasMessageContaining(output + " is a symbolic link")
                .hasMessageContaining("remove the symlink");
        assertThat(s3.store().list("")).isEmpty();
    }

    @Test
    void shouldRefuseToSaveASymlinkedRootAndUploadNothing() throws Exception {
        Path link = Files.createSymbolicLink(
                Files.createDirectories(tmp.resolve("ws")).resolve(".puppet-cache"), home);

        assertThatThrownBy(() -> mirror.save(link, "b1"))
                .isInstanceOf(CacheRoot.SymlinkRefused.class)
                .hasMessageContaining(link.toString());
        assertThat(s3.store().list("")).isEmpty();
    }

    @Test
    void shouldRefuseToRestoreIntoASymlinkedOutputOrRootAndWriteNothingThere() throws Exception {
        Path source = tmp.resolve("source");
        Files.createDirectories(source.resolve("output/Fam"));
        Files.writeString(source.resolve(KEY), "{\"restored\":true}");
        mirror.save(source, "b1");
        Path root = Files.createDirectories(tmp.resolve("ws/.puppet-cache"));
        Path output = Files.createSymbolicLink(root.resolve("output"), home);
        Path linkedRoot = Files.createSymbolicLink(tmp.resolve("ws/linked-cache"), home);

        assertThatThrownBy(() -> mirror.restore(root))
                .isInstanceOf(CacheRoot.SymlinkRefused.class)
                .hasMessageContaining(output.toString());
        assertThatThrownBy(() -> mirror.restore(linkedRoot))
                .isInstanceOf(CacheRoot.SymlinkRefused.class)
                .hasMessageContaining(linkedRoot.toString());
        try (Stream<Path> all = Files.walk(home)) {
            assertThat(all.filter(Files::isRegularFile).map(f -> read(f))).allMatch(SECRET::equals);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
