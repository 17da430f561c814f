package io.jenkins.plugins.scpuppet.engine;

import static io.jenkins.plugins.scpuppet.engine.Runs.options;
import static io.jenkins.plugins.scpuppet.engine.Runs.outcome;
import static io.jenkins.plugins.scpuppet.engine.Runs.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulingTest {
    @TempDir
    Path cache;

    @Test
    void shouldNeverExceedResourceCapacities() throws Exception {
        Map<String, AtomicInteger> inUse = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> peak = new ConcurrentHashMap<>();
        List<TaskSpec> roots = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String resource = "ProvisionProduct/acct" + (i % 3);
            roots.add(TaskSpec.builder(TestFamily.PLAIN)
                    .param("name", "t" + i)
                    .resource(resource)
                    .resource("api-global")
                    .work(ctx -> {
                        for (String r : ctx.spec().resources()) {
                            int now = inUse.computeIfAbsent(r, k -> new AtomicInteger())
                                    .incrementAndGet();
                            peak.computeIfAbsent(r, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
                        }
                        for (int spin = 0; spin < 200; spin++) {
                            Thread.onSpinWait();
                        }
                        ctx.spec().resources().forEach(r -> inUse.get(r).decrementAndGet());
                        return ctx.emptyResult();
                    })
                    .build());
        }
        RunOptions opts = options(cache).withWorkers(8).withResourceCapacities(Map.of("api-global", 2));

        RunSummary summary = Engine.run(roots, opts, RunListener.NONE);

        assertThat(summary.count(TaskStatus.EXECUTED)).isEqualTo(200);
        assertThat(peak.get("api-global").get()).isLessThanOrEqualTo(2);
        for (int a = 0; a < 3; a++) {
            assertThat(peak.get("ProvisionProduct/acct" + a).get()).isEqualTo(1);
        }
    }

    @Test
    void shouldKeepOtherWorkFlowingWhileATaskWaitsForABusyResource() throws Exception {
        CountDownLatch otherWorkRan = new CountDownLatch(1);
        TaskSpec holder = TaskSpec.builder(TestFamily.PLAIN)
                .param("name", "holder")
                .resource("mutex")
                .priority(10)
                .work(ctx -> {
                    if (!otherWorkRan.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("independent work never ran while the mutex was held");
                    }
                    return ctx.emptyResult();
                })
                .build();
        TaskSpec waiter = TaskSpec.builder(TestFamily.PLAIN)
                .param("name", "waiter")
                .resource("mutex")
                .priority(9)
                .build();
        TaskSpec other = TaskSpec.builder(TestFamily.PLAIN)
                .param("name", "other")
                .priority(0)
                .work(ctx -> {
                    otherWorkRan.countDown();
                    return ctx.emptyResult();
                })
                .build();

        RunSummary summary =
                Engine.run(List.of(holder, waiter, other), options(cache).withWorkers(2), RunListener.NONE);

        assertThat(summary.outcome()).isEqualTo(RunOutcome.SUCCESS);
        assertThat(summary.count(TaskStatus.EXECUTED)).isEqualTo(3);
    }

    @Test
    void shouldRunReadyTasksInPriorityOrder() throws Exception {
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<TaskSpec> roots = new ArrayList<>();
        for (int p : new int[] {1, 5, 3, 9, 0}) {
            roots.add(TaskSpec.builder(TestFamily.PLAIN)
                    .param("name", "p" + p)
                    .priority(p)
                    .work(ctx -> {
                        order.add(ctx.spec().parameter("name"));
                        return ctx.emptyResult();
                    })
                    .build());
        }

        Engine.run(roots, options(cache).withWorkers(1), RunListener.NONE);

        assertThat(order).containsExactly("p9", "p5", "p3", "p1", "p0");
    }

    @Test
    void shouldRunDynamicRequirementsThenResumeTheTask() throws Exception {
        AtomicInteger dynamicRuns = new AtomicInteger();
        TaskSpec x = task(TestFamily.CACHED, "x").build();
        TaskSpec y = task(TestFamily.PLAIN, "y").build();
        TaskSpec parent = TaskSpec.builder(TestFamily.PLAIN)
                .param("name", "parent")
                .work(ctx -> {
                    dynamicRuns.incrementAndGet();
                    List<com.fasterxml.jackson.databind.JsonNode> results = ctx.require(List.of(x, y));
                    return ctx.emptyResult()
                            .put(
                                    "seen",
                                    results.get(0).path("name").asText()
                                            + results.get(1).path("name").asText());
                })
                .build();
        RecordingListener listener = new RecordingListener();

        RunSummary summary = Engine.run(List.of(parent), options(cache), listener);

        assertThat(summary.outcome()).isEqualTo(RunOutcome.SUCCESS);
        TaskOutcome p = outcome(summary, "parent");
        assertThat(p.attempts()).isEqualTo(1);
        assertThat(p.requirements()).containsExactly(x.key(), y.key());
        assertThat(dynamicRuns).hasValue(2);
        assertThat(listener.events.indexOf("executed Cached(name=x)"))
                .isLessThan(listener.events.indexOf("executed Plain(name=parent)"));
        // The dynamic requirement is cacheable: a second run gets it from the cache.
        RunSummary second = Engine.run(List.of(parent), options(cache), RunListener.NONE);
        assertThat(outcome(second, "x").status()).isEqualTo(TaskStatus.CACHED);
    }

    @Test
    void shouldTakeADynamicRequirementAlreadyDoneWithoutRunningTheTaskAgain() throws Exception {
        TaskSpec shared = task(TestFamily.PLAIN, "shared").build();
        TaskSpec first = TaskSpec.builder(TestFamily.PLAIN)
                .param("name", "first")
                .work(ctx -> ctx.emptyResult()
                        .set("got", ctx.require(List.of(shared)).get(0)))
                .build();
        AtomicInteger laterRuns = new AtomicInteger();
        TaskSpec later = TaskSpec.builder(TestFamily.PLAIN)
                .param("name", "later")
                .requires(first)
                .work(ctx -> {
                    laterRuns.incrementAndGet();
                    return ctx.emptyResult()
                            .set("got", ctx.require(List.of(shared)).get(0));
                })
                .build();

        RunSummary summary = Engine.run(List.of(later), options(cache), RunListener.NONE);

        assertThat(summary.outcome()).isEqualTo(RunOutcome.SUCCESS);
        assertThat(laterRuns)
                .as("runs of a task whose dynamic requirement was done")
                .hasValue(1);
        assertThat(outcome(summary, "later").requirements()).containsExactly(first.key(), shared.key());
    }

    @Test
    void shouldSkipATaskWhoseDynamicRequirementFailed() throws Exception {
        TaskSpec broken = TaskSpec.builder(TestFamily.PLAIN)
                .param("name", "broken")
                .work(ctx -> {
                    throw new TaskException("NotFound", "nope", false);
                })
                .build();
        TaskSpec parent = TaskSpec.builder(TestFamily.PLAIN)
                .param("name", "parent")
                .work(ctx -> {
                    ctx.require(List.of(broken));
                    return ctx.emptyResult();
                })
                .build();

        RunSummary summary = Runs.run(options(cache), parent);

        assertThat(outcome(summary, "broken").status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome(summary, "parent").status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(outcome(summary, "parent").blockedBy()).isEqualTo(broken.key());
    }

    @Test
    void shouldSkipTransitiveDependentsOfAFailureAndFinishIndependentBranches() throws Exception {
        TaskSpec bad = TaskSpec.builder(TestFamily.PLAIN)
                .param("name", "bad")
                .work(ctx -> {
                    throw new TaskException("InvalidParametersException", "unknown version v9", false);
                })
                .build();
        TaskSpec child = task(TestFamily.CACHED, "child").requires(bad).build();
        TaskSpec grandchild =
                task(TestFamily.PLAIN, "grandchild").requires(child).build();
        TaskSpec independent = task(TestFamily.PLAIN, "independent").build();
        RecordingListener listener = new RecordingListener();

        RunSummary summary = Engine.run(List.of(grandchild, independent), options(cache), listener);

        assertThat(summary.outcome()).isEqualTo(RunOutcome.TASK_FAILURES);
        TaskOutcome failed = outcome(summary, "bad");
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.errorCode()).isEqualTo("InvalidParametersException");
        assertThat(failed.errorMessage()).isEqualTo("unknown version v9");
        assertThat(outcome(summary, "child").status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(outcome(summary, "grandchild").blockedBy()).isEqualTo(bad.key());
        assertThat(outcome(summary, "independent").status()).isEqualTo(TaskStatus.EXECUTED);
        assertThat(listener.events).contains("skipped Plain(name=grandchild): requirement failed: Plain(name=bad)");
        assertThat(cache.resolve("output/Cached")).doesNotExist();
    }

    @Test
    void shouldRetryRetryableErrorsAndCountAttempts() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        TaskSpec flaky = TaskSpec.builder(TestFamily.PLAIN)
                .param("name", "flaky")
                .maxAttempts(5)
                .work(ctx -> {
                    if (calls.incrementAndGet() < 3) {
                        throw new TaskException("ThrottlingException", "Rate exceeded", true);
                    }
                    return ctx.emptyResult();
                })
                .build();
        RecordingListener listener = new RecordingListener();

        RunSummary summary = Engine.run(List.of(flaky), options(cache), listener);

        assertThat(outcome(summary, "flaky").status()).isEqualTo(TaskStatus.EXECUTED);
        assertThat(outcome(summary, "flaky").attempts()).isEqualTo(3);
        assertThat(summary.retries()).isEqualTo(2);
        assertThat(listener.count("retried")).isEqualTo(2);
    }

    @Test
    void shouldFailAfterTheLastAttemptAndNotRetryNonRetryableErrors() throws Exception {
        TaskSpec throttled = TaskSpec.builder(TestFamily.PLAIN)
                .param("name", "throttled")
                .maxAttempts(3)
                .work(ctx -> {
                    throw new TaskException("ThrottlingException", "Rate exceeded", true);
                })
                .build();
        TaskSpec denied = TaskSpec.builder(TestFamily.PLAIN)
                .param("name", "denied")
                .maxAttempts(3)
                .work(ctx -> {
                    throw new TaskException("AccessDenied", "no", false);
                })
                .build();

        RunSummary summary = Runs.run(options(cache), throttled, denied);

        assertThat(outcome(summary, "throttled").attempts()).isEqualTo(3);
        assertThat(outcome(summary, "throttled").status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome(summary, "denied").attempts()).isEqualTo(1);
    }

    @Test
    void shouldBoundBackoffDelays() {
        RetryBackoff backoff = new RetryBackoff(java.time.Duration.ofMillis(100), java.time.Duration.ofSeconds(2));
        assertThat(backoff.ceilingMillis(1)).isEqualTo(100);
        assertThat(backoff.ceilingMillis(3)).isEqualTo(400);
        assertThat(backoff.ceilingMillis(40)).isEqualTo(2000);
        for (int i = 1; i < 50; i++) {
            assertThat(backoff.delayMillis(i)).isBetween(0L, 2000L);
        }
    }

    @Test
    void shouldNameEveryTaskOfACycle() {
        // Specs are immutable, so a cycle arises the way a manifest makes one: two specs with the same identity.
        TaskSpec aAgain = task(TestFamily.PLAIN, "a").build();
        TaskSpec c = task(TestFamily.PLAIN, "c").requires(aAgain).build();
        TaskSpec b = task(TestFamily.PLAIN, "b").requires(c).build();
        TaskSpec a = task(TestFamily.PLAIN, "a").requires(b).build();

        assertThatThrownBy(() -> Runs.run(options(cache), a))
                .isInstanceOf(CycleException.class)
                .hasMessageContaining("Plain(name=a) -> Plain(name=b) -> Plain(name=c) -> Plain(name=a)");
        assertThat(cache.resolve("runs")).doesNotExist();
    }

    @Test
    void shouldFailATaskWhoseDynamicRequirementLeadsBackToIt() throws Exception {
        TaskSpec loopBack = task(TestFamily.PLAIN, "loop").build();
        TaskSpec middle = task(TestFamily.PLAIN, "middle").requires(loopBack).build();
        TaskSpec loop = TaskSpec.builder(TestFamily.PLAIN)
                .param("name", "loop")
                .work(ctx -> {
                    ctx.require(List.of(middle));
                    return ctx.emptyResult();
                })
                .build();

        RunSummary summary = Runs.run(options(cache), loop);

        assertThat(outcome(summary, "loop").status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome(summary, "loop").errorCode()).isEqualTo("CycleError");
    }

    @Test
    void shouldMergeDuplicateTasksByIdentity() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        TaskWork counting = ctx -> {
            runs.incrementAndGet();
            return ctx.emptyResult();
        };
        TaskSpec shared1 = TaskSpec.builder(TestFamily.PLAIN)
                .param("b", "2")
                .param("a", "1")
                .work(counting)
                .build();
        TaskSpec shared2 = TaskSpec.builder(TestFamily.PLAIN)
                .param("a", "1")
                .param("b", "2")
                .work(counting)
                .build();
        TaskSpec left = task(TestFamily.PLAIN, "left").requires(shared1).build();
        TaskSpec right = task(TestFamily.PLAIN, "right").requires(shared2).build();

        RunSummary summary = Runs.run(options(cache), left, right);

        assertThat(summary.tasks()).hasSize(3);
        assertThat(runs).hasValue(1);
    }
}
