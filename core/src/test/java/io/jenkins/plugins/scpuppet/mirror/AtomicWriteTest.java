package io.jenkins.plugins.scpuppet.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicWriteTest {
    @TempDir
    Path tmp;

    @Test
    void shouldWriteIntoTheFolderItOpenedEvenWhenALinkTakesItsPlaceMeanwhile() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("cache/output/Fam"));
        Path home = Files.createDirectories(tmp.resolve("home/.aws"));
        Path moved = tmp.resolve("moved");
        try (DirectoryStream<Path> open = Files.newDirectoryStream(folder)) {
            assumeTrue(open instanceof SecureDirectoryStream, "no SecureDirectoryStream on this platform");
            // The folder was checked and opened; now it is swapped for a link to somewhere else.
            Files.move(folder, moved);
            Files.createSymbolicLink(folder, home);

            AtomicWrite.replace((SecureDirectoryStream<Path>) open, folder.resolve("n=a.json"), bytes("restored"));
        }

        try (Stream<Path> behindTheLink = Files.list(home)) {
            assertThat(behindTheLink).isEmpty();
        }
        try (Stream<Path> written = Files.list(moved)) {
            assertThat(written).containsExactly(moved.resolve("n=a.json")); // and no temp file left over
        }
        assertThat(Files.readString(moved.resolve("n=a.json"))).isEqualTo("restored");
    }

    @Test
    void shouldReplaceALinkedMemoRatherThanWriteThroughIt() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret"), "SECRET");
        Path memo = Files.createSymbolicLink(tmp.resolve(".memo"), secret);

        AtomicWrite.quietly(memo, "memo");

        assertThat(Files.readString(secret)).isEqualTo("SECRET");
        assertThat(Files.isSymbolicLink(memo)).isFalse();
        assertThat(Files.readString(memo)).isEqualTo("memo");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
