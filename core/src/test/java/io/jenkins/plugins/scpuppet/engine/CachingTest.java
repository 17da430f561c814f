package io.jenkins.plugins.scpuppet.engine;

import static io.jenkins.plugins.scpuppet.engine.Runs.options;
import static io.jenkins.plugins.scpuppet.engine.Runs.outcome;
import static io.jenkins.plugins.scpuppet.engine.Runs.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingTest {
    @TempDir
    Path cache;

    /** A puppet-like shape: plain root requires a cacheable task that requires a plain lookup. */
    private List<TaskSpec> shape(AtomicInteger executions) {
        TaskSpec lookup = task(TestFamily.PLAIN, "lookup").build();
        TaskSpec params = TaskSpec.builder(TestFamily.CACHED)
                .param("name", "params")
                .requires(lookup)
                .work(ctx -> {
                    executions.incrementAndGet();
                    return ctx.emptyResult()
                            .put("from", ctx.input(lookup).path("name").asText());
                })
                .build();
        TaskSpec provision = TaskSpec.builder(TestFamily.PLAIN)
                .param("name", "provision")
                .requires(params)
                .work(ctx -> ctx.emptyResult().set("params", ctx.input(params)))
                .build();
        return List.of(provision);
    }

    @Test
    void shouldExecuteNoCacheableTaskOnSecondRunAndRerunNonCacheableOnes() throws Exception {
        AtomicInteger executions = new AtomicInteger();
        RunSummary first = Runs.run(cache, shape(executions), RunListener.NONE);
        RunSummary second = Runs.run(cache, shape(executions), RunListener.NONE);

        assertThat(first.count(TaskStatus.EXECUTED)).isEqualTo(3);
        assertThat(executions).hasValue(1);
        assertThat(outcome(second, "params").status()).isEqualTo(TaskStatus.CACHED);
        assertThat(outcome(second, "provision").status()).isEqualTo(TaskStatus.EXECUTED);
        assertThat(second.tasks()).filteredOn(TaskOutcome::cacheable).allMatch(t -> t.status() == TaskStatus.CACHED);
        assertThat(second.outcome()).isEqualTo(RunOutcome.SUCCESS);
        long recorded = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(cache.resolve("output/Cached/name=params.json").toFile())
                .path("durationMs")
                .asLong();
        assertThat(outcome(second, "params").savedMillis()).isEqualTo(recorded);
        assertThat(second.savedMillis()).isEqualTo(recorded);
        assertThat(outcome(first, "params").savedMillis()).isZero();
    }

    @Test
    void shouldPruneRequirementsOfAHit() throws Exception {
        AtomicInteger executions = new AtomicInteger();
        Runs.run(cache, shape(executions), RunListener.NONE);
        RunSummary second = Runs.run(cache, shape(executions), RunListener.NONE);

        assertThat(second.tasks())
                .extracting(t -> t.key().parameters().get("name"))
                .containsExactlyInAnyOrder("params", "provision");
        assertThat(second.prunedByCache()).isEqualTo(1);
    }

    @Test
    void shouldGiveDependentsTheSameInputWhetherCachedOrExecuted() throws Exception {
        AtomicInteger executions = new AtomicInteger();
        TaskSpec root = shape(executions).get(0);
        RunSummary first = Runs.run(cache, List.of(root), RunListener.NONE);
        RunSummary second = Runs.run(cache, List.of(root), RunListener.NONE);
        List<JsonNode> journals = Stream.of(first, second)
                .map(s -> journalResult(s.runId(), "provision"))
                .toList();

        assertThat(journals.get(0)).isEqualTo(journals.get(1));
        assertThat(journals.get(0).path("params").path("from").asText()).isEqualTo("lookup");
    }

    private JsonNode journalResult(String runId, String name) {
        try (Stream<String> lines =
                Files.lines(cache.resolve("runs").resolve(runId).resolve("results.jsonl"))) {
            ObjectMapper json = new ObjectMapper();
            return lines.map(l -> {
                        try {
                            return json.readTree(l);
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    })
                    .filter(n -> n.path("parameters").path("name").asText().equals(name))
                    .findFirst()
                    .orElseThrow()
                    .path("result");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldKeepNonCacheableResultsOutOfTheOutputFolder() throws Exception {
        AtomicInteger executions = new AtomicInteger();
        RunSummary run = Runs.run(cache, shape(executions), RunListener.NONE);

        try (Stream<Path> files = Files.walk(cache.resolve("output"))) {
            assertThat(files.filter(Files::isRegularFile)
                            .map(p -> cache.relativize(p).toString()))
                    .containsExactly("output/Cached/name=params.json");
        }
        assertThat(cache.resolve("runs").resolve(run.runId()).resolve("results.jsonl"))
                .exists();
        assertThat(outcome(run, "provision").target()).isNull();
    }

    @Test
    void shouldRerunOnChangedSignificantParameterButNotOnInsignificantOne() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        TaskWork counting = ctx -> {
            runs.incrementAndGet();
            return ctx.emptyResult();
        };
        TaskSpec v1 = TaskSpec.builder(TestFamily.CACHED)
                .param("name", "a")
                .param("version", "1")
                .insignificant("manifest", "one.yaml")
                .work(counting)
                .build();
        TaskSpec insignificantChange = TaskSpec.builder(TestFamily.CACHED)
                .param("name", "a")
                .param("version", "1")
                .insignificant("manifest", "two.yaml")
                .work(counting)
                .build();
        TaskSpec significantChange = TaskSpec.builder(TestFamily.CACHED)
                .param("name", "a")
                .param("version", "2")
                .work(counting)
                .build();

        Runs.run(options(cache), v1);
        RunSummary same = Runs.run(options(cache), insignificantChange);
        RunSummary changed = Runs.run(options(cache), significantChange);

        assertThat(same.tasks().get(0).status()).isEqualTo(TaskStatus.CACHED);
        assertThat(changed.tasks().get(0).status()).isEqualTo(TaskStatus.EXECUTED);
        assertThat(runs).hasValue(2);
    }

    @Test
    void shouldRerunWhenImplementationVersionChanges() throws Exception {
        TaskSpec v1 = task(new TestFamily("Versioned", true, 1), "a").build();
        TaskSpec v2 = task(new TestFamily("Versioned", true, 2), "a").build();
        RecordingListener listener = new RecordingListener();

        Runs.run(options(cache), v1);
        RunSummary second = Engine.run(List.of(v2), options(cache), listener);

        assertThat(second.tasks().get(0).status()).isEqualTo(TaskStatus.EXECUTED);
        assertThat(listener.events).anyMatch(e -> e.contains("stale: implementation version 1, now 2"));
        assertThat(Runs.run(options(cache), v2).tasks().get(0).status()).isEqualTo(TaskStatus.CACHED);
    }

    @Test
    void shouldRunEverythingAndRewriteTargetsWhenCachingIsDisabled() throws Exception {
        AtomicInteger executions = new AtomicInteger();
        Runs.run(cache, shape(executions), RunListener.NONE);
        Path target = cache.resolve("output/Cached/name=params.json");
        String before = Files.readString(target);

        RunSummary second = Engine.run(shape(executions), options(cache).withCaching(false), RunListener.NONE);

        assertThat(second.count(TaskStatus.EXECUTED)).isEqualTo(3);
        assertThat(second.count(TaskStatus.CACHED)).isZero();
        assertThat(executions).hasValue(2);
        assertThat(Files.readString(target)).isNotEqualTo(before); // new timestamps: rewritten
    }

    @Test
    void shouldStoreResultFamilyParametersVersionTimesAndInputDigests() throws Exception {
        AtomicInteger executions = new AtomicInteger();
        Runs.run(cache, shape(executions), RunListener.NONE);

        JsonNode doc = new ObjectMapper()
                .readTree(cache.resolve("output/Cached/name=params.json").toFile());
        assertThat(doc.path("family").asText()).isEqualTo("Cached");
        assertThat(doc.path("implementationVersion").asInt()).isEqualTo(1);
        assertThat(doc.path("parameters").path("name").asText()).isEqualTo("params");
        assertThat(doc.path("result").path("from").asText()).isEqualTo("lookup");
        assertThat(doc.path("startedAt").asText()).isNotEmpty();
        assertThat(doc.path("finishedAt").asText()).isNotEmpty();
        assertThat(doc.path("durationMs").isIntegralNumber()).isTrue();
        assertThat(doc.path("resultSha256").asText()).hasSize(64);
        assertThat(doc.path("requirements").get(0).path("task").asText()).isEqualTo("Plain(name=lookup)");
        assertThat(doc.path("requirements").get(0).path("resultSha256").asText())
                .hasSize(64);
    }
}
