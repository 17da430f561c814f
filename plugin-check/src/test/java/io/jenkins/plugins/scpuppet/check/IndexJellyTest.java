package io.jenkins.plugins.scpuppet.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexJellyTest {
    @TempDir
    Path dir;

    @Test
    void thePluginsIndexJellyIsWellFormedEscapedAndDescribesThePlugin() {
        String description = IndexJelly.check(Repo.file("plugin/src/main/resources/index.jelly"));
        assertThat(description).contains("Service Catalog").hasSizeLessThan(300);
    }

    @Test
    void aMissingFileFails() {
        assertThatThrownBy(() -> IndexJelly.check(dir.resolve("index.jelly"))).hasMessageStartingWith("missing");
    }

    @Test
    void malformedXmlFails() throws IOException {
        Path file = write("<?jelly escape-by-default='true'?>\n<div>unclosed\n");
        assertThatThrownBy(() -> IndexJelly.check(file)).hasMessageStartingWith("not well-formed XML");
    }

    @Test
    void withoutEscapeByDefaultFails() throws IOException {
        Path file = write("<?jelly escape-by-default='false'?>\n<div>A plugin</div>\n");
        assertThatThrownBy(() -> IndexJelly.check(file)).hasMessageContaining("escape-by-default");
    }

    @Test
    void anEmptyDescriptionFails() throws IOException {
        Path file = write("<?jelly escape-by-default='true'?>\n<div/>\n");
        assertThatThrownBy(() -> IndexJelly.check(file)).hasMessageContaining("one-line");
    }

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("index.jelly"), text);
    }
}
