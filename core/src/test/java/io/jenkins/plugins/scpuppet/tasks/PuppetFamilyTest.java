package io.jenkins.plugins.scpuppet.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PuppetFamilyTest {
    private static final Path LIST = Path.of("..", "test-resources", "seeds", "cacheable-families.txt");
    private static final Path SEED = Path.of("..", "..", "shared", "seeds", "caching.rst");

    private static List<String> listed() throws Exception {
        return Files.readAllLines(LIST).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .toList();
    }

    @Test
    void shouldMakeExactlyTheSeedsEighteenFamiliesCacheable() throws Exception {
        List<String> cacheable = Arrays.stream(PuppetFamily.values())
                .filter(PuppetFamily::cacheable)
                .map(Enum::name)
                .toList();

        assertThat(listed()).hasSize(18);
        assertThat(cacheable).containsExactlyElementsOf(listed());
    }

    /** The seed document is the source of truth: its bullet list of cacheable tasks, when it is beside the project. */
    @Test
    void shouldListWhatTheSeedListsWhereverTheSeedIsAvailable() throws Exception {
        if (!Files.exists(SEED)) {
            System.err.println("*** " + SEED + " is not beside this checkout: the committed list stands in for it");
            return;
        }
        List<String> fromSeed = Files.readAllLines(SEED).stream()
                .filter(l -> l.startsWith("- ") && l.substring(2).matches("[A-Za-z]+"))
                .map(l -> l.substring(2))
                .toList();

        assertThat(listed()).containsExactlyElementsOf(fromSeed);
    }
}
