package io.jenkins.plugins.scpuppet.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every invalid sample gives exactly its expected messages, with file:line:column and path. */
class InvalidManifestTest {

    static List<String> samples() throws IOException {
        try (Stream<Path> files = Files.list(Samples.INVALID)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml"))
                    .sorted()
                    .toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void shouldGiveTheExpectedMessages(String sample) throws Exception {
        Path file = Samples.INVALID.resolve(sample);
        String expected = Files.readString(Samples.INVALID.resolve(sample.replace(".yaml", ".expected")))
                .strip();

        ManifestException e =
                catchThrowableOfType(ManifestException.class, () -> new ManifestLoader().load(file, Samples.PUPPET));

        assertThat(e).as("%s should be refused", sample).isNotNull();
        assertThat(e.getMessage()).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void shouldCoverEveryClassOfErrorWithASample() throws Exception {
        assertThat(samples()).hasSizeGreaterThanOrEqualTo(12);
    }
}
