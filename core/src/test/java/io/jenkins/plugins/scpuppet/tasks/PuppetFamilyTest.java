package io.jenkins.plugins.scpuppet.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PuppetFamilyTest {

    /** The seed document is the source of truth: its bullet list of cacheable tasks. */
    @Test
    void shouldMakeExactlyTheSeedsEighteenFamiliesCacheable() throws Exception {
        Path seed = Path.of("..", "..", "shared", "seeds", "caching.rst");
        List<String> fromSeed = Files.readAllLines(seed).stream()
                .filter(l -> l.startsWith("- ") && l.substring(2).matches("[A-Za-z]+"))
                .map(l -> l.substring(2))
                .toList();
        List<String> cacheable = Arrays.stream(PuppetFamily.values())
                .filter(PuppetFamily::cacheable)
                .map(Enum::name)
                .toList();

        assertThat(fromSeed).hasSize(18);
        assertThat(cacheable).containsExactlyElementsOf(fromSeed);
    }
}
