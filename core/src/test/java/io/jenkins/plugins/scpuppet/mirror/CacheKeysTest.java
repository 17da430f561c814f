package io.jenkins.plugins.scpuppet.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CacheKeysTest {
    private static final Path ROOT = Path.of("/ws/cache");

    @Test
    void shouldMapOrdinaryKeysIntoTheOutputFolder() {
        assertThat(CacheKeys.localPath(ROOT, "output/Fam/a=1/b=2.json"))
                .contains(Path.of("/ws/cache/output/Fam/a=1/b=2.json"));
    }

    @Test
    void shouldRefuseTraversalAbsoluteAndOddKeys() {
        for (String key : new String[] {
            "output/../x",
            "output/a/../../x",
            "/etc/passwd",
            "output//x",
            "output/./x",
            "output/a\\b",
            "output/C:/x",
            "output/.x",
            "output/",
            "output/_puppet/index.json",
            "other/x",
            "output/x\u0000y"
        }) {
            assertThat(CacheKeys.localPath(ROOT, key)).as(key).isEmpty();
        }
    }

    @Property(tries = 3000)
    void shouldNeverMapAKeyOutsideTheOutputFolder(@ForAll("keys") String key) {
        CacheKeys.localPath(ROOT, key).ifPresent(p -> {
            assertThat(p.normalize()).isEqualTo(p);
            assertThat(p.startsWith(ROOT.resolve("output"))).isTrue();
        });
    }

    @Provide
    Arbitrary<String> keys() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.of("..", ".", "", "a", "b.json", "C:", "\\..", "_puppet", ".x", "~", "%2e%2e"),
                Arbitraries.strings().withChars("./\\:ab%").ofMaxLength(4));
        return segment.list().ofMaxSize(6).map(parts -> "output/" + String.join("/", parts));
    }
}
