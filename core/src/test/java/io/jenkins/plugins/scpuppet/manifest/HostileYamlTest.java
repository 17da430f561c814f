package io.jenkins.plugins.scpuppet.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile or broken YAML: each case ends in a clear error within 10 s and without exhausting the heap (the bound
 * stated in docs/manifest.md). The timeout is a guard against hangs, not a performance measurement.
 */
class HostileYamlTest {
    private static final Duration BOUND = Duration.ofSeconds(10);
    private final YamlReader reader = new YamlReader();

    @TempDir
    Path dir;

    @Test
    void shouldStopABillionLaughsAliasBomb() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        long heapBefore = usedHeap();

        assertTimeoutPreemptively(
                BOUND,
                () -> assertThatThrownBy(() -> reader.read(yaml.toString(), "bomb.yaml"))
                        .isInstanceOf(ManifestException.class)
                        .hasMessageContaining("alias bomb"));
        assertThat(usedHeap() - heapBefore).isLessThan(256L << 20);
    }

    @Test
    void shouldStopVeryDeepNesting() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertTimeoutPreemptively(
                BOUND,
                () -> assertThatThrownBy(() -> reader.read(deep, "deep.yaml"))
                        .isInstanceOf(ManifestException.class)
                        .hasMessageContaining("deep.yaml:1:")
                        .hasMessageContaining("nested deeper than 64 levels"));
    }

    @Test
    void shouldRefuseAMultiMegabyteFileBeforeParsingIt() throws Exception {
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "launches:\n" + "  x: {portfolio: p}\n".repeat(400_000));
        assertTimeoutPreemptively(
                BOUND,
                () -> assertThatThrownBy(() -> reader.read(big, "big.yaml"))
                        .isInstanceOf(ManifestException.class)
                        .hasMessageContaining("over the limit of 5242880")
                        .hasMessageContaining("split it into the sibling folders"));
    }

    @Test
    void shouldReportBinaryGarbageAsASyntaxError() {
        String garbage = "\u0000\u0001\u0002: [\uFFFF";
        assertTimeoutPreemptively(
                BOUND,
                () -> assertThatThrownBy(() -> reader.read(garbage, "bin.yaml"))
                        .isInstanceOf(ManifestException.class)
                        .hasMessageContaining("bin.yaml"));
    }

    @Test
    void shouldReadALargeButHonestManifestWithinTheBound() {
        String yaml = "launches:\n"
                + java.util.stream.IntStream.range(0, 20_000)
                        .mapToObj(i -> "  l" + i + ": {portfolio: p, product: x, version: v1}\n")
                        .reduce("", String::concat);
        assertTimeoutPreemptively(
                BOUND, () -> assertThat(reader.read(yaml, "ok.yaml")).isNotNull());
    }

    @Test
    void shouldRefuseAComplexKey() {
        assertThatThrownBy(() -> reader.read("? [a, b]\n: c\n", "k.yaml")).isInstanceOf(ManifestException.class);
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
