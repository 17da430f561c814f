package io.jenkins.plugins.scpuppet.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: compared exactly. Run the tests with {@code -Dgoldens.update=true} to rewrite them after a deliberate
 * change, then review the diff.
 */
final class Goldens {
    private Goldens() {}

    static void check(Path golden, String actual) throws IOException {
        if (Boolean.getBoolean("goldens.update")) {
            Files.writeString(golden, actual);
        }
        assertThat(golden)
                .as("golden file %s (create it with -Dgoldens.update=true)", golden)
                .exists();
        assertThat(actual).isEqualTo(Files.readString(golden));
    }
}
