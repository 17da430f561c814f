package io.jenkins.plugins.scpuppet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class TargetPathsTest {

    @Test
    void shouldBeReadableForOrdinaryValues() {
        TaskKey key = TaskKey.of(
                "ProvisioningArtifactParametersTask",
                Map.of("account_id", "123456789012", "region", "eu-west-1", "version", "v1.2"));
        assertThat(TargetPaths.relativePath(key))
                .isEqualTo(
                        "output/ProvisioningArtifactParametersTask/account_id=123456789012/region=eu-west-1/version=v1.2.json");
    }

    @Test
    void shouldEscapeSeparatorsAndDotSegments() {
        assertThat(path("../../etc/passwd")).isEqualTo("output/F/v=%2E.%2F..%2Fetc%2Fpasswd.json");
        assertThat(path("..")).isEqualTo("output/F/v=%2E..json");
        assertThat(path("a=b")).isEqualTo("output/F/v=a%3Db.json");
        assertThat(path("")).isEqualTo("output/F/v=.json");
        assertThat(path("C:\\x y")).isEqualTo("output/F/v=C%3A%5Cx%20y.json");
        assertThat(path("\uD800")).isEqualTo("output/F/v=%uD800.json");
        assertThat(path("?")).isEqualTo("output/F/v=%3F.json");
    }

    @Test
    void shouldHashVeryLongSegmentsButKeepAReadablePrefix() {
        String p = path("x".repeat(500));
        String segment = p.substring("output/F/".length(), p.length() - ".json".length());
        assertThat(segment).startsWith("v=xxxx").contains("~").hasSizeLessThan(140);
        assertThat(path("x".repeat(501))).isNotEqualTo(p);
    }

    @Test
    void shouldUseAFixedNameForTasksWithoutParameters() {
        assertThat(TargetPaths.relativePath(TaskKey.of("F", Map.of()))).isEqualTo("output/F/task.json");
    }

    private static String path(String value) {
        return TargetPaths.relativePath(TaskKey.of("F", Map.of("v", value)));
    }

    @TestFactory
    Stream<DynamicTest> shouldNeverLeaveTheFamilyFolder() {
        return SeededCases.of(20, 100, random -> {
            String a = value(random);
            String b = value(random);
            String rel = TargetPaths.relativePath(TaskKey.of("Fam", Map.of("a", a, "b", b)));
            Path root = Path.of("/cache");
            Path resolved = root.resolve(rel).normalize();
            assertThat(resolved.startsWith(root.resolve("output/Fam")))
                    .as("%s stays under output/Fam", rel)
                    .isTrue();
            assertThat(rel.split("/")).allSatisfy(seg -> assertThat(seg).isNotIn(".", "..", ""));
        });
    }

    @TestFactory
    Stream<DynamicTest> shouldNeverMapTwoDifferentKeysToOnePath() {
        return SeededCases.of(30, 100, random -> {
            TaskKey k1 = TaskKey.of("Fam", Map.of("a", value(random), "b", value(random)));
            TaskKey k2 = TaskKey.of("Fam", Map.of("a", value(random), "b", value(random)));
            if (!k1.equals(k2)) {
                assertThat(TargetPaths.relativePath(k1))
                        .as("paths of %s and %s", k1, k2)
                        .isNotEqualTo(TargetPaths.relativePath(k2));
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> shouldKeepKeysDistinctWhenOnlyParameterNamesDiffer() {
        return SeededCases.of(10, 100, random -> {
            String v = value(random);
            Map<String, String> one = new HashMap<>(Map.of("a", v));
            Map<String, String> other = new HashMap<>(Map.of("b", v));
            assertThat(TargetPaths.relativePath(TaskKey.of("F", one)))
                    .isNotEqualTo(TargetPaths.relativePath(TaskKey.of("F", other)));
        });
    }

    private static final List<String> TRICKY = List.of(
            "", ".", "..", "/", "a/b", "=", "%", "%2F", "~", "\uD800", "?", "\uDC00x", "a.json", "x".repeat(130));
    private static final String SMALL_ALPHABET = "./=%~a\\";

    /** A third tricky values, a third any UTF-16 units (lone surrogates too), a third short strings of separators. */
    private static String value(Random random) {
        switch (random.nextInt(3)) {
            case 0:
                return TRICKY.get(random.nextInt(TRICKY.size()));
            case 1:
                return randomString(random, 140, null);
            default:
                return randomString(random, 6, SMALL_ALPHABET);
        }
    }

    private static String randomString(Random random, int maxLength, String alphabet) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(
                    alphabet == null
                            ? (char) random.nextInt(0x10000)
                            : alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
