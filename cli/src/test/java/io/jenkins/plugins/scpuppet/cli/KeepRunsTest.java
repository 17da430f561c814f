package io.jenkins.plugins.scpuppet.cli;

import static io.jenkins.plugins.scpuppet.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy --keep-runs: the run journals kept in the cache dir after each run. */
class KeepRunsTest {
    @TempDir
    Path tmp;

    @Test
    void shouldKeepOnlyTheGivenNumberOfRunJournals() throws Exception {
        Path cache = tmp.resolve("cache");

        CliTest.Result r = cli(
                "deploy",
                CliTest.DEMO.toString(),
                "--sandbox",
                "--no-mirror",
                "--repeat",
                "3",
                "--keep-runs",
                "2",
                "--cache-dir",
                cache.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        try (Stream<Path> runs = Files.list(cache.resolve("runs"))) {
            assertThat(runs.toList()).hasSize(2);
        }
        assertThat(r.out()).contains("deleted 1 old run journal(s)");
        assertThat(cli("deploy", CliTest.DEMO.toString(), "--sandbox", "--keep-runs", "0")
                        .exit())
                .isEqualTo(2);
    }
}
