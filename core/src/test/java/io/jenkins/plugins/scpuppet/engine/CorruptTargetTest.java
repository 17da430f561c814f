package io.jenkins.plugins.scpuppet.engine;

import static io.jenkins.plugins.scpuppet.engine.Runs.options;
import static io.jenkins.plugins.scpuppet.engine.Runs.task;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CorruptTargetTest {
    @TempDir
    Path cache;

    static List<Arguments> damages() {
        return List.of(
                Arguments.of(
                        "truncated", (UnaryOperator<String>) s -> s.substring(0, s.length() / 2), "not valid JSON"),
                Arguments.of("empty", (UnaryOperator<String>) s -> "", "unknown target format"),
                Arguments.of("garbage", (UnaryOperator<String>) s -> "\u0000\u0001garbage", "not valid JSON"),
                Arguments.of(
                        "tampered result",
                        (UnaryOperator<String>)
                                s -> s.replace("\"result\":{\"name\":\"a\"", "\"result\":{\"name\":\"b\""),
                        "result digest mismatch"),
                Arguments.of(
                        "other family",
                        (UnaryOperator<String>) s -> s.replace("\"family\":\"Cached\"", "\"family\":\"X\""),
                        "written by family X"),
                Arguments.of(
                        "other parameters",
                        (UnaryOperator<String>)
                                s -> s.replace("\"parameters\":{\"name\":\"a\"}", "\"parameters\":{\"name\":\"z\"}"),
                        "parameter name differs"),
                Arguments.of("array", (UnaryOperator<String>) s -> "[1,2]", "unknown target format"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damages")
    void shouldTreatADamagedTargetAsAMissWithAWarningAndRewriteIt(
            String name, UnaryOperator<String> damage, String reason) throws Exception {
        TaskSpec spec = task(TestFamily.CACHED, "a").build();
        Runs.run(options(cache), spec);
        Path target = cache.resolve("output/Cached/name=a.json");
        String valid = Files.readString(target);
        Files.writeString(target, damage.apply(valid), StandardCharsets.UTF_8);
        RecordingListener listener = new RecordingListener();

        RunSummary second = Engine.run(List.of(spec), options(cache), listener);

        assertThat(second.tasks().get(0).status()).isEqualTo(TaskStatus.EXECUTED);
        assertThat(listener.events).anyMatch(e -> e.startsWith("invalid Cached(name=a)") && e.contains(reason));
        assertThat(new TargetStore(cache, false).read(spec)).isInstanceOf(TargetRead.Hit.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damages")
    void shouldNeverThrowWhenReadingADamagedTarget(String name, UnaryOperator<String> damage, String reason)
            throws Exception {
        TaskSpec spec = task(TestFamily.CACHED, "a").build();
        Runs.run(options(cache), spec);
        Path target = cache.resolve("output/Cached/name=a.json");
        Files.writeString(target, damage.apply(Files.readString(target)));

        assertThat(new TargetStore(cache, false).read(spec))
                .isInstanceOfSatisfying(
                        TargetRead.Invalid.class, i -> assertThat(i.reason()).contains(reason));
    }
}
