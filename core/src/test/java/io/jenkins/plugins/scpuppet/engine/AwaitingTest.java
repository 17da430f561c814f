package io.jenkins.plugins.scpuppet.engine;

import static io.jenkins.plugins.scpuppet.engine.Runs.failures;
import static io.jenkins.plugins.scpuppet.engine.Runs.options;
import static io.jenkins.plugins.scpuppet.engine.Runs.outcome;
import static io.jenkins.plugins.scpuppet.engine.Runs.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tasks that wait on a long-running operation ({@link Awaiting}) hold their named resources but no worker: many more
 * of them wait at once than there are workers, a resource's capacity still holds, a failure after waiting skips only
 * the dependents, and a cancel ends the polling. The timeouts only guard against a hang (the old model deadlocks).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AwaitingTest {
    @TempDir
    Path cache;

    /** A provision-shaped task: takes its resource, then polls until {@code settled} says the operation is done. */
    private static TaskSpec provision(
            String name, String resource, AtomicInteger[] holders, int slot, AtomicInteger maxHeld, Poll settled) {
        return TaskSpec.builder(TestFamily.CACHED)
                .param("name", name)
                .resource(resource)
                .work(ctx -> {
                    maxHeld.accumulateAndGet(holders[slot].incrementAndGet(), Math::max);
                    return poll(name, settled, () -> {
                        holders[slot].decrementAndGet();
                        return JsonNodeFactory.instance.objectNode().put("name", name);
                    });
                })
                .build();
    }

    interface Poll {
        boolean done() throws Exception;
    }

    private static JsonNode poll(String name, Poll settled, Awaiting.Step then) throws Exception {
        if (settled.done()) {
            return then.run();
        }
        throw new Awaiting("provision " + name, 1, () -> poll(name, settled, then));
    }

    @Test
    void shouldNeverExceedAResourceOfCapacityOneWhileHundredsOfProvisionsWait() throws Exception {
        int resources = 40;
        int perResource = 10;
        AtomicInteger[] holders = new AtomicInteger[resources];
        AtomicInteger maxHeld = new AtomicInteger();
        AtomicInteger waitingAtOnce = new AtomicInteger();
        AtomicInteger peakWaiting = new AtomicInteger();
        List<TaskSpec> roots = new ArrayList<>();
        for (int r = 0; r < resources; r++) {
            holders[r] = new AtomicInteger();
        }
        AtomicInteger started = new AtomicInteger();
        for (int i = 0; i < resources * perResource; i++) {
            int slot = i % resources;
            String name = "p" + i;
            // The first wave settles only once every resource has a provision waiting on it: with a worker held per
            // wait (2 workers) that never happens.
            boolean[] counted = {false};
            roots.add(provision(name, "provision_" + slot, holders, slot, maxHeld, () -> {
                if (!counted[0]) {
                    counted[0] = true;
                    started.incrementAndGet();
                    peakWaiting.accumulateAndGet(waitingAtOnce.incrementAndGet(), Math::max);
                }
                boolean done = started.get() >= resources;
                if (done) {
                    waitingAtOnce.decrementAndGet();
                }
                return done;
            }));
        }

        RunSummary summary = Engine.run(roots, options(cache).withWorkers(2), RunListener.NONE);

        assertThat(summary.outcome()).as(failures(summary)).isEqualTo(RunOutcome.SUCCESS);
        assertThat(summary.count(TaskStatus.EXECUTED)).isEqualTo(resources * perResource);
        assertThat(maxHeld.get()).as("provisions holding one resource at once").isEqualTo(1);
        assertThat(peakWaiting.get())
                .as("provisions waiting at once, on 2 workers")
                .isGreaterThanOrEqualTo(resources);
    }

    @Test
    void shouldMarkOnlyTheDependentsOfAProvisionFailingAfterItsWaitSkipped() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        TaskSpec failing = TaskSpec.builder(TestFamily.CACHED)
                .param("name", "failing")
                .work(ctx -> poll("failing", () -> polls.incrementAndGet() >= 3, () -> {
                    throw new TaskException("ProvisioningFailed", "record ended FAILED", false);
                }))
                .build();
        TaskSpec dependent =
                task(TestFamily.CACHED, "dependent").requires(failing).build();
        TaskSpec transitive =
                task(TestFamily.PLAIN, "transitive").requires(dependent).build();
        AtomicInteger otherPolls = new AtomicInteger();
        TaskSpec other = TaskSpec.builder(TestFamily.CACHED)
                .param("name", "other")
                .work(ctx -> poll(
                        "other",
                        () -> otherPolls.incrementAndGet() >= 3,
                        () -> JsonNodeFactory.instance.objectNode().put("ok", true)))
                .build();
        TaskSpec afterOther =
                task(TestFamily.PLAIN, "afterOther").requires(other).build();

        RunSummary summary = Engine.run(List.of(transitive, afterOther), options(cache), RunListener.NONE);

        assertThat(outcome(summary, "failing").status()).isEqualTo(TaskStatus.FAILED);
        assertThat(outcome(summary, "failing").errorCode()).isEqualTo("ProvisioningFailed");
        assertThat(outcome(summary, "dependent").status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(outcome(summary, "transitive").status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(outcome(summary, "other").status()).isEqualTo(TaskStatus.EXECUTED);
        assertThat(outcome(summary, "afterOther").status()).isEqualTo(TaskStatus.EXECUTED);
        assertThat(polls.get()).isEqualTo(3);
    }

    @Test
    void shouldStopPollingAtOnceWhenCancelledAndWriteNoTarget() throws Exception {
        int waiting = 50;
        int workers = 3;
        CountDownLatch allWaiting = new CountDownLatch(waiting);
        AtomicLong polls = new AtomicLong();
        List<TaskSpec> roots = new ArrayList<>();
        for (int i = 0; i < waiting; i++) {
            boolean[] first = {true};
            String name = "w" + i;
            roots.add(TaskSpec.builder(TestFamily.CACHED)
                    .param("name", name)
                    .work(ctx -> poll(
                            name,
                            () -> {
                                polls.incrementAndGet();
                                if (first[0]) {
                                    first[0] = false;
                                    allWaiting.countDown();
                                }
                                return false; // never settles: only the cancel ends it
                            },
                            () -> JsonNodeFactory.instance.objectNode()))
                    .build());
        }

        RunHandle handle = Engine.start(roots, options(cache).withWorkers(workers), RunListener.NONE);
        allWaiting.await();
        long atCancel = polls.get();
        handle.cancel();
        RunSummary summary = handle.await();
        long afterAwait = polls.get();

        assertThat(summary.outcome()).isEqualTo(RunOutcome.CANCELLED);
        assertThat(summary.count(TaskStatus.SKIPPED)).isEqualTo(waiting);
        assertThat(afterAwait - atCancel)
                .as("polls after the cancel: only those already on a worker")
                .isLessThanOrEqualTo(workers);
        Path output = cache.resolve("output");
        if (Files.exists(output)) {
            try (Stream<Path> files = Files.walk(output)) {
                assertThat(files.filter(Files::isRegularFile)).isEmpty();
            }
        }
    }

    @Test
    void shouldNameTheRunningTaskOnTheWorkerThreadForItsPollsToo() throws Exception {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger polls = new AtomicInteger();
        TaskSpec waiting = TaskSpec.builder(TestFamily.PLAIN)
                .param("name", "waiting")
                .work(ctx -> {
                    seen.add(CurrentTask.get().id());
                    return poll(
                            "waiting",
                            () -> {
                                seen.add(CurrentTask.get().id());
                                return polls.incrementAndGet() >= 2;
                            },
                            () -> JsonNodeFactory.instance.objectNode());
                })
                .build();

        RunSummary summary = Engine.run(List.of(waiting), options(cache), RunListener.NONE);

        assertThat(summary.outcome()).isEqualTo(RunOutcome.SUCCESS);
        assertThat(seen).hasSize(3).containsOnly(waiting.key().id());
        assertThat(CurrentTask.get()).isNull();
    }

    @Test
    void shouldChainWhatFollowsAWaitAfterItsLastPoll() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        JsonNode result = null;
        Awaiting.Step step = () -> Awaiting.then(
                () -> poll(
                        "op",
                        () -> polls.incrementAndGet() >= 2,
                        () -> JsonNodeFactory.instance.objectNode().put("status", "SUCCEEDED")),
                settled -> ((com.fasterxml.jackson.databind.node.ObjectNode) settled).put("written", true));
        try {
            result = step.run();
        } catch (Awaiting wait) {
            assertThat(wait.delayMillis()).isEqualTo(1);
            result = wait.next().run();
        }
        assertThat(polls.get()).isEqualTo(2);
        assertThat(result.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(result.path("written").asBoolean()).isTrue();
    }
}
