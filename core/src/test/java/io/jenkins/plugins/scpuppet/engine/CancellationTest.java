package io.jenkins.plugins.scpuppet.engine;

import static io.jenkins.plugins.scpuppet.engine.Runs.options;
import static io.jenkins.plugins.scpuppet.engine.Runs.outcome;
import static io.jenkins.plugins.scpuppet.engine.Runs.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CancellationTest {
    @TempDir
    Path cache;

    @Test
    void shouldStopSchedulingInterruptRunningTasksAndLeaveNoPartialTarget() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        TaskSpec done = task(TestFamily.CACHED, "done").build();
        TaskSpec blocking = TaskSpec.builder(TestFamily.CACHED)
                .param("name", "blocking")
                .requires(done)
                .work(ctx -> {
                    started.countDown();
                    never.await(); // only an interrupt ends this
                    return ctx.emptyResult();
                })
                .build();
        TaskSpec after = task(TestFamily.PLAIN, "after").requires(blocking).build();

        RunHandle handle = Engine.start(List.of(after), options(cache).withWorkers(2), RunListener.NONE);
        started.await();
        handle.cancel();
        RunSummary summary = handle.await();

        assertThat(summary.outcome()).isEqualTo(RunOutcome.CANCELLED);
        assertThat(summary.outcome().exitStatus()).isEqualTo(130);
        assertThat(outcome(summary, "done").status()).isEqualTo(TaskStatus.EXECUTED);
        assertThat(outcome(summary, "blocking").status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(outcome(summary, "after").status()).isEqualTo(TaskStatus.SKIPPED);
        try (Stream<Path> files = Files.walk(cache.resolve("output"))) {
            assertThat(files.filter(Files::isRegularFile)
                            .map(p -> p.getFileName().toString()))
                    .containsExactly("name=done.json");
        }
    }

    @Test
    void shouldNotLeaveATempFileWhenInterruptedWhileWritingATarget() throws Exception {
        // The task returns a large result and interrupts itself, so the target write sees the interrupt.
        TaskSpec big = TaskSpec.builder(TestFamily.CACHED)
                .param("name", "big")
                .work(ctx -> {
                    ObjectNode result = ctx.emptyResult();
                    result.put("blob", "x".repeat(5_000_000));
                    Thread.currentThread().interrupt();
                    return result;
                })
                .build();

        RunSummary summary = Runs.run(options(cache), big);

        try (Stream<Path> files = Files.walk(cache.resolve("output"))) {
            List<String> names = files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .toList();
            assertThat(names).noneMatch(n -> n.endsWith(TargetStore.TEMP_SUFFIX));
            if (outcome(summary, "big").status() == TaskStatus.EXECUTED) {
                assertThat(new TargetStore(cache, false).read(big)).isInstanceOf(TargetRead.Hit.class);
            } else {
                assertThat(names).isEmpty();
            }
        }
    }
}
