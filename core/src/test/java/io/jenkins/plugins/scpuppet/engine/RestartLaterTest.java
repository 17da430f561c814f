package io.jenkins.plugins.scpuppet.engine;

import static io.jenkins.plugins.scpuppet.engine.Runs.failures;
import static io.jenkins.plugins.scpuppet.engine.Runs.options;
import static io.jenkins.plugins.scpuppet.engine.Runs.outcome;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step that gives its worker back ({@link RestartLater}) frees the worker for other tasks, keeps its named
 * resources, and runs again from the start without counting an attempt. The timeout only guards against a hang: a
 * restart that held the worker never lets the other task run, so the restarting task would restart forever.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RestartLaterTest {
    @TempDir
    Path cache;

    @Test
    void shouldFreeTheWorkerKeepTheResourceAndRunTheStepAgain() throws Exception {
        AtomicBoolean otherRan = new AtomicBoolean();
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger holding = new AtomicInteger();
        AtomicInteger maxHolding = new AtomicInteger();
        List<String> order = new CopyOnWriteArrayList<>();
        List<Boolean> untouchedAtStart = new CopyOnWriteArrayList<>();
        // Plain tasks (no cache check first), ready in the order given: the restarting one runs first.
        TaskSpec restarting = TaskSpec.builder(TestFamily.PLAIN)
                .param("name", "restarting")
                .resource("mutex")
                .work(ctx -> {
                    untouchedAtStart.add(CurrentTask.stepUntouched());
                    if (runs.incrementAndGet() == 1) {
                        maxHolding.accumulateAndGet(holding.incrementAndGet(), Math::max);
                    }
                    if (!otherRan.get()) {
                        throw new RestartLater("waiting for the other task", 1);
                    }
                    order.add("restarting");
                    holding.decrementAndGet();
                    return JsonNodeFactory.instance.objectNode().put("runs", runs.get());
                })
                .build();
        TaskSpec other = TaskSpec.builder(TestFamily.PLAIN)
                .param("name", "other")
                .work(ctx -> {
                    otherRan.set(true);
                    order.add("other");
                    return JsonNodeFactory.instance.objectNode();
                })
                .build();
        TaskSpec sameMutex = TaskSpec.builder(TestFamily.PLAIN)
                .param("name", "sameMutex")
                .resource("mutex")
                .work(ctx -> {
                    maxHolding.accumulateAndGet(holding.incrementAndGet(), Math::max);
                    order.add("sameMutex");
                    holding.decrementAndGet();
                    return JsonNodeFactory.instance.objectNode();
                })
                .build();

        RunSummary summary =
                Engine.run(List.of(restarting, sameMutex, other), options(cache).withWorkers(1), RunListener.NONE);

        assertThat(summary.outcome()).as(failures(summary)).isEqualTo(RunOutcome.SUCCESS);
        assertThat(runs.get()).as("runs of the restarting step").isGreaterThanOrEqualTo(2);
        assertThat(outcome(summary, "restarting").attempts())
                .as("a restart is not an attempt")
                .isEqualTo(1);
        assertThat(order).containsExactly("other", "restarting", "sameMutex");
        assertThat(maxHolding.get()).as("tasks holding the mutex at once").isEqualTo(1);
        assertThat(untouchedAtStart).as("each run of the step starts untouched").containsOnly(true);
    }

    @Test
    void shouldSeeAStepAsTouchedOnceItSentSomething() throws Exception {
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        TaskSpec sending = TaskSpec.builder(TestFamily.PLAIN)
                .param("name", "sending")
                .work(ctx -> {
                    seen.add(CurrentTask.stepUntouched());
                    CurrentTask.touched();
                    seen.add(CurrentTask.stepUntouched());
                    return JsonNodeFactory.instance.objectNode();
                })
                .build();

        RunSummary summary = Engine.run(List.of(sending), options(cache), RunListener.NONE);

        assertThat(summary.outcome()).isEqualTo(RunOutcome.SUCCESS);
        assertThat(seen).containsExactly(true, false);
        assertThat(CurrentTask.stepUntouched()).as("outside a task").isFalse();
    }
}
