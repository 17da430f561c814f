package io.jenkins.plugins.scpuppet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

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

    @Property(tries = 2000)
    void shouldNeverLeaveTheFamilyFolder(@ForAll("values") String a, @ForAll("values") String b) {
        String rel = TargetPaths.relativePath(TaskKey.of("Fam", Map.of("a", a, "b", b)));
        Path root = Path.of("/cache");
        Path resolved = root.resolve(rel).normalize();
        assertThat(resolved.startsWith(root.resolve("output/Fam"))).isTrue();
        assertThat(rel.split("/")).allSatisfy(seg -> assertThat(seg).isNotIn(".", "..", ""));
    }

    @Property(tries = 3000)
    void shouldNeverMapTwoDifferentKeysToOnePath(
            @ForAll("values") String a1,
            @ForAll("values") String b1,
            @ForAll("values") String a2,
            @ForAll("values") String b2) {
        TaskKey k1 = TaskKey.of("Fam", Map.of("a", a1, "b", b1));
        TaskKey k2 = TaskKey.of("Fam", Map.of("a", a2, "b", b2));
        if (!k1.equals(k2)) {
            assertThat(TargetPaths.relativePath(k1)).isNotEqualTo(TargetPaths.relativePath(k2));
        }
    }

    @Property(tries = 1000)
    void shouldKeepKeysDistinctWhenOnlyParameterNamesDiffer(@ForAll("values") String v) {
        Map<String, String> one = new HashMap<>(Map.of("a", v));
        Map<String, String> other = new HashMap<>(Map.of("b", v));
        assertThat(TargetPaths.relativePath(TaskKey.of("F", one)))
                .isNotEqualTo(TargetPaths.relativePath(TaskKey.of("F", other)));
    }

    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> tricky = Arbitraries.of(
                "", ".", "..", "/", "a/b", "=", "%", "%2F", "~", "\uD800", "?", "\uDC00x", "a.json", "x".repeat(130));
        Arbitrary<String> random = Arbitraries.strings().all().ofMaxLength(140);
        Arbitrary<String> small = Arbitraries.strings().withChars("./=%~a\\").ofMaxLength(6);
        return Arbitraries.oneOf(tricky, random, small);
    }
}
