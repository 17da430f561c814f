package io.jenkins.plugins.scpuppet.cli;

import static io.jenkins.plugins.scpuppet.cli.CliTest.DEMO;
import static io.jenkins.plugins.scpuppet.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy --sandbox --latency-model: a bad value or profile is a usage error naming it, before anything runs. */
class LatencyModelCliTest {
    @TempDir
    Path tmp;

    @Test
    void shouldRefuseAnUnknownModelOrProfileKeyWithExitTwoAndWriteNothing() throws Exception {
        Path cache = tmp.resolve("cache");
        CliTest.Result unknown =
                cli("deploy", DEMO.toString(), "--sandbox", "--latency-model", "fast", "--cache-dir", cache.toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("--latency-model").contains("'fast'");

        Path profile = tmp.resolve("slow.properties");
        Files.writeString(profile, "call-ms=10\nprovison-ms=100\n");
        CliTest.Result badKey = cli(
                "deploy",
                DEMO.toString(),
                "--sandbox",
                "--latency-model",
                profile.toString(),
                "--cache-dir",
                cache.toString());
        assertThat(badKey.exit()).isEqualTo(2);
        assertThat(badKey.err()).contains(profile.toString()).contains("provison-ms");
        assertThat(cache).doesNotExist();
    }
}
