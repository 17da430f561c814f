package io.jenkins.plugins.scpuppet.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scpuppet.engine.TargetPaths;
import io.jenkins.plugins.scpuppet.engine.TaskKey;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The target-key grammar. The randomized tests are seeded: the seed is in every failure message, and {@code
 * -Dscpuppet.seed=<seed>} replays it.
 */
class CacheKeysTest {
    private static final Path ROOT = Path.of("/ws/cache");
    private static final long SEED = Long.getLong("scpuppet.seed", System.nanoTime());
    private static final String[] HOSTILE = {
        "..",
        ".",
        "",
        "/",
        "//",
        "\\",
        "\\..",
        ":",
        "C:",
        "~",
        "%",
        "%2e",
        "%2E",
        "%u",
        "%2",
        "=",
        "==",
        "_puppet",
        "\u0000",
        "\u00e9",
        "\ud800",
        " ",
        "\n",
        "a",
        "Z9",
        "x.json",
        ".json",
        "task.json",
        "output",
        "-",
        "_",
        "%41",
        "%uD800",
        "~" + "a".repeat(64),
        "*",
        "?",
        "\"",
        "'"
    };

    private static final String[] PLAIN = {"a", "Z9", "-", "_", "%41", "%uD800", "x.y", "1", ".", "~", "%2e"};

    @Test
    void shouldMapOrdinaryKeysIntoTheOutputFolder() {
        assertThat(CacheKeys.localPath(ROOT, "output/Fam/a=1/b=2.json"))
                .contains(Path.of("/ws/cache/output/Fam/a=1/b=2.json"));
        assertThat(CacheKeys.localPath(ROOT, "output/Fam/task.json"))
                .contains(Path.of("/ws/cache/output/Fam/task.json"));
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
            "output/x\u0000y",
            // Well-formed paths that are still not target keys: the engine never writes them.
            "output/Fam/x.json", // no name=value
            "output/Fam/n=a", // no .json
            "output/Fam/n=a.txt",
            "output/Fam/task.json/n=a.json",
            "output/Fam/n=a/task.json",
            "output/1Fam/n=a.json", // a family starts with a letter
            "output/Fa_m/n=a.json",
            "output/Fam/.n=a.json", // a temp or hidden file
            "output/Fam/n=.a.json", // a leading dot is always escaped
            "output/Fam/n=%2e.json", // escapes are upper-case
            "output/Fam/n=%G0.json",
            "output/Fam/n=a b.json",
            "output/Fam/n=\u00e9.json",
            "output/Fam/=a.json", // a name is never empty
            "output/Fam/n=a=b.json",
            "output/Fam/n=" + "a".repeat(119) + ".json", // 121 characters: the engine would have hashed it
            "output/Fam/n=a~" + "A".repeat(64) + ".json", // the hash is lower-case
            "output/Fam/n=a~" + "a".repeat(63) + ".json",
            "output/Fam/" + "n".repeat(61) + "~" + "a".repeat(64) + ".json",
            "output/Fam/" + "n=a/".repeat(300) + "n=a.json", // over S3's 1,024
            null
        }) {
            assertThat(CacheKeys.isTargetKey(key)).as(String.valueOf(key)).isFalse();
            assertThat(CacheKeys.localPath(ROOT, key)).as(String.valueOf(key)).isEmpty();
        }
    }

    @Test
    void shouldAcceptEveryKeyTheEngineWritesEvenForHostileParameterValues() {
        Random random = new Random(SEED);
        for (int i = 0; i < 3000; i++) {
            Map<String, String> params = new LinkedHashMap<>();
            int count = random.nextInt(4);
            for (int p = 0; p < count; p++) {
                String name = hostile(random, 1, 4);
                params.put(name.isEmpty() ? "n" : name, hostile(random, 0, 30));
            }
            TaskKey task = TaskKey.of("Fam" + random.nextInt(100), params);
            String key = TargetPaths.relativePath(task);
            if (key.length() > CacheKeys.MAX_KEY) {
                continue; // longer than S3 allows: such a target can never be mirrored
            }

            assertThat(CacheKeys.isTargetKey(key))
                    .as("seed %d: %s from %s", SEED, key, params)
                    .isTrue();
            assertThat(CacheKeys.localPath(ROOT, key))
                    .as("seed %d: %s", SEED, key)
                    .contains(ROOT.resolve(key));
        }
    }

    @Test
    void shouldNeverAcceptAHostileKeyThatLeavesOrBendsTheOutputFolder() {
        Random random = new Random(SEED);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            String[] families = {"Fam", "a", "Z9", "", "_puppet", "..", "1F", "F-m", "F\u00e9"};
            StringBuilder built = new StringBuilder("output/").append(families[random.nextInt(families.length)]);
            int segments = 1 + random.nextInt(3);
            for (int s = 0; s < segments; s++) {
                // Half the segments from plain parts only, so that a fair share of keys is valid.
                String[] pool = random.nextBoolean() ? PLAIN : HOSTILE;
                built.append('/').append(parts(random, pool, 0, 3));
                built.append(random.nextInt(4) == 0 ? "" : "=").append(parts(random, pool, 0, 3));
            }
            if (random.nextInt(4) != 0) {
                built.append(".json");
            }
            if (random.nextInt(8) == 0) {
                built.delete(0, random.nextInt(8));
            }
            String key = built.toString();
            if (!CacheKeys.isTargetKey(key)) {
                assertThat(CacheKeys.localPath(ROOT, key))
                        .as("seed %d: %s", SEED, key)
                        .isEmpty();
                continue;
            }
            accepted++;
            Path path = CacheKeys.localPath(ROOT, key).orElseThrow();
            assertThat(path.normalize()).as("seed %d: %s", SEED, key).isEqualTo(path);
            assertThat(path.startsWith(ROOT.resolve("output")))
                    .as("seed %d: %s", SEED, key)
                    .isTrue();
            assertThat(key)
                    .as("seed %d", SEED)
                    .doesNotStartWith(CacheKeys.META)
                    .doesNotContain("//", "\\", "/.", ":", "\u0000")
                    .matches("[\\x21-\\x7e]{1,1024}")
                    .endsWith(".json");
        }
        // The generator does produce valid keys (and mostly invalid ones), so both branches above ran.
        assertThat(accepted).as("seed %d", SEED).isBetween(100, 15_000);
    }

    @Test
    void shouldRefuseAnEngineKeyOnceOneCharacterIsBent() {
        Random random = new Random(SEED);
        List<String> breaking = List.of("/../", "/./", "//", "\\", "\u0000", ":", "/.", "%2e", " ", "\u00e9");
        for (int i = 0; i < 3000; i++) {
            String key = TargetPaths.relativePath(
                    TaskKey.of("Fam", Map.of("account_id", String.valueOf(random.nextInt(1000)), "region", "x")));
            int at = "output/".length() + random.nextInt(key.length() - "output/".length());
            String bent = key.substring(0, at) + breaking.get(random.nextInt(breaking.size())) + key.substring(at);

            assertThat(CacheKeys.isTargetKey(bent))
                    .as("seed %d: %s", SEED, bent)
                    .isFalse();
            assertThat(CacheKeys.localPath(ROOT, bent))
                    .as("seed %d: %s", SEED, bent)
                    .isEmpty();
        }
    }

    private static String hostile(Random random, int minParts, int maxParts) {
        return parts(random, HOSTILE, minParts, maxParts);
    }

    private static String parts(Random random, String[] pool, int minParts, int maxParts) {
        StringBuilder out = new StringBuilder();
        int parts = minParts + random.nextInt(maxParts - minParts + 1);
        for (int i = 0; i < parts; i++) {
            out.append(pool[random.nextInt(pool.length)]);
        }
        return out.toString();
    }
}
