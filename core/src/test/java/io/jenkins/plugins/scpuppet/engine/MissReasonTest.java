package io.jenkins.plugins.scpuppet.engine;

import static io.jenkins.plugins.scpuppet.engine.Runs.options;
import static io.jenkins.plugins.scpuppet.engine.Runs.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every reason a cacheable task executes instead of reusing its target (issue #22). */
class MissReasonTest {
    @TempDir
    Path cache;

    /** A family whose target file is named by {@code name} only, so other parameters can change under it. */
    record SlotFamily(String name, int implementationVersion) implements TaskFamily {
        @Override
        public boolean cacheable() {
            return true;
        }

        @Override
        public Set<String> pathParameters() {
            return Set.of("name");
        }
    }

    private static final SlotFamily SLOT = new SlotFamily("Slot", 1);

    private static TaskSpec slot(String version, String secret) {
        return TaskSpec.builder(SLOT)
                .param("name", "a")
                .param("version", version)
                .sensitiveParam("token", secret)
                .work(ctx -> JsonNodeFactory.instance.objectNode().put("ok", true))
                .build();
    }

    private static CacheMiss only(RunSummary summary) {
        assertThat(summary.tasks()).hasSize(1);
        return summary.tasks().get(0).miss();
    }

    @Test
    void shouldSayNoTargetOnAFirstRunAndNothingOnAHit() throws Exception {
        TaskSpec spec = task(TestFamily.CACHED, "a").build();

        RunSummary first = Runs.run(options(cache), spec);
        RunSummary second = Runs.run(options(cache), spec);

        assertThat(only(first)).isEqualTo(CacheMiss.NO_TARGET);
        assertThat(second.tasks().get(0).status()).isEqualTo(TaskStatus.CACHED);
        assertThat(only(second)).isNull();
    }

    @Test
    void shouldGiveNoReasonToATaskThatIsNotCacheable() throws Exception {
        RunSummary run = Runs.run(options(cache), task(TestFamily.PLAIN, "p").build());

        assertThat(run.tasks().get(0).status()).isEqualTo(TaskStatus.EXECUTED);
        assertThat(only(run)).isNull();
    }

    @Test
    void shouldSayCachingDisabledWhenCachingIsOff() throws Exception {
        TaskSpec spec = task(TestFamily.CACHED, "a").build();
        Runs.run(options(cache), spec);

        RunSummary off = Runs.run(options(cache).withCaching(false), spec);

        assertThat(only(off)).isEqualTo(CacheMiss.CACHING_DISABLED);
    }

    @Test
    void shouldNameTheChangedParameterWithItsOldAndNewValue() throws Exception {
        Runs.run(options(cache), slot("v1", "s"));

        RunSummary second = Runs.run(options(cache), slot("v2", "s"));

        CacheMiss miss = only(second);
        assertThat(miss.reason()).isEqualTo(MissReason.PARAMETERS_CHANGED);
        assertThat(miss.changes()).containsExactly(new ParameterChange("version", "v1", "v2"));
        assertThat(miss.describe()).isEqualTo("parameters changed: version v1 -> v2");
    }

    @Test
    void shouldMaskASensitiveParameterAndSortTheChanges() throws Exception {
        Runs.run(options(cache), slot("v1", "SENTINEL-OLD-7f3a"));

        RunSummary second = Runs.run(options(cache), slot("v2", "SENTINEL-NEW-7f3a"));

        assertThat(only(second).changes())
                .containsExactly(
                        new ParameterChange("token", "***", "***"), new ParameterChange("version", "v1", "v2"));
        assertThat(only(second).toString()).doesNotContain("SENTINEL");
    }

    @Test
    void shouldNameAnAddedParameterWithANullOldValue() throws Exception {
        TaskSpec before = TaskSpec.builder(SLOT).param("name", "a").build();
        TaskSpec after =
                TaskSpec.builder(SLOT).param("name", "a").param("extra", "x").build();
        Runs.run(options(cache), before);

        RunSummary second = Runs.run(options(cache), after);

        assertThat(only(second).changes()).containsExactly(new ParameterChange("extra", null, "x"));
    }

    @Test
    void shouldGiveTheOldAndNewImplementationVersion() throws Exception {
        Runs.run(options(cache), task(TestFamily.CACHED, "a").build());

        RunSummary second = Runs.run(
                options(cache), task(new TestFamily("Cached", true, 3), "a").build());

        assertThat(only(second)).isEqualTo(CacheMiss.implementationChanged(1, 3));
        assertThat(only(second).oldImplementation()).isEqualTo("1");
        assertThat(only(second).newImplementation()).isEqualTo("3");
    }

    @Test
    void shouldGiveTheProblemOfAnInvalidTarget() throws Exception {
        TaskSpec spec = task(TestFamily.CACHED, "a").build();
        Runs.run(options(cache), spec);
        Files.writeString(cache.resolve("output/Cached/name=a.json"), "{\"format\":1,");

        RunSummary second = Runs.run(options(cache), spec);

        assertThat(only(second).reason()).isEqualTo(MissReason.TARGET_INVALID);
        assertThat(only(second).problem()).isEqualTo("not valid JSON (truncated or corrupt)");
    }

    @Test
    void shouldSayPurgedOnceForATargetAPurgeRecorded() throws Exception {
        TaskSpec spec = task(TestFamily.CACHED, "a").build();
        Runs.run(options(cache), spec);
        Files.delete(cache.resolve("output/Cached/name=a.json"));
        PurgeRecord.record(cache, List.of("output/Cached/name=a.json"));

        RunSummary afterPurge = Runs.run(options(cache), spec);
        Files.delete(cache.resolve("output/Cached/name=a.json"));
        RunSummary later = Runs.run(options(cache), spec);

        assertThat(only(afterPurge)).isEqualTo(CacheMiss.PURGED);
        assertThat(cache.resolve(PurgeRecord.FILE)).doesNotExist();
        assertThat(only(later)).isEqualTo(CacheMiss.NO_TARGET);
    }

    @Test
    void shouldNotSayPurgedForATargetThePurgeDidNotName() throws Exception {
        PurgeRecord.record(cache, List.of("output/Cached/name=other.json"));

        RunSummary run = Runs.run(options(cache), task(TestFamily.CACHED, "a").build());

        assertThat(only(run)).isEqualTo(CacheMiss.NO_TARGET);
    }

    @Test
    void shouldSayForcedWithTheWhyAndRunDespiteAValidTarget() throws Exception {
        TaskSpec spec = task(TestFamily.CACHED, "a").build();
        Runs.run(options(cache), spec);

        RunSummary forced = Runs.run(options(cache).withForced("re-run requested"), spec);

        assertThat(forced.tasks().get(0).status()).isEqualTo(TaskStatus.EXECUTED);
        assertThat(only(forced)).isEqualTo(CacheMiss.forced("re-run requested"));
    }

    @Test
    void shouldKeepTheReasonOfATaskThatFailed() throws Exception {
        TaskSpec spec = TaskSpec.builder(TestFamily.CACHED)
                .param("name", "f")
                .work(ctx -> {
                    throw new IllegalStateException("boom");
                })
                .build();

        RunSummary run = Runs.run(options(cache), spec);

        assertThat(run.tasks().get(0).status()).isEqualTo(TaskStatus.FAILED);
        assertThat(only(run)).isEqualTo(CacheMiss.NO_TARGET);
    }

    @Test
    void shouldGiveNoReasonToASkippedTask() throws Exception {
        TaskSpec failing = TaskSpec.builder(TestFamily.PLAIN)
                .param("name", "f")
                .work(ctx -> {
                    throw new IllegalStateException("boom");
                })
                .build();
        TaskSpec spec = task(TestFamily.CACHED, "a").requires(failing).build();

        RunSummary run = Runs.run(options(cache), spec);

        assertThat(Runs.outcome(run, "a").status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(Runs.outcome(run, "a").miss()).isNull();
    }
}
