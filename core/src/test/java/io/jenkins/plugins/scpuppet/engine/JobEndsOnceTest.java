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
 * Only a task's own step may wait, restart or fail it: once the step returned, the job ends as executed, once. What
 * runs after it (here a listener fired as the job ends) throwing {@link RestartLater} must not restart the done task,
 * and nothing it throws may end the task a second time. The timeout guards against the hang a twice-ended job makes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JobEndsOnceTest {
    @TempDir
    Path cache;

    @Test
    void shouldNotRestartATaskWhenRestartLaterIsThrownAfterItsStep() throws Exception {
        assertEndsOnce(new RestartLater("a paced call after the step", 1));
    }

    @Test
    void shouldNotFailATaskWhenSomethingAfterItsStepThrows() throws Exception {
        assertEndsOnce(new IllegalStateException("a listener broke"));
    }

    private void assertEndsOnce(RuntimeException thrownAfterTheStep) throws Exception {
        AtomicInteger runs = new AtomicInteger();
        TaskSpec first = TaskSpec.builder(TestFamily.PLAIN)
                .param("name", "first")
                .work(ctx -> {
                    runs.incrementAndGet();
                    return JsonNodeFactory.instance.objectNode();
                })
                .build();
        TaskSpec second = TaskSpec.builder(TestFamily.PLAIN)
                .param("name", "second")
                .requires(first)
                .build();
        AtomicBoolean thrown = new AtomicBoolean();
        List<String> events = new CopyOnWriteArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void taskStarted(TaskKey task, int attempt) {
                events.add("started " + task.id() + " #" + attempt);
            }

            @Override
            public void taskExecuted(TaskKey task, long durationMillis, int attempts) {
                events.add("executed " + task.id());
                if (task.equals(first.key()) && thrown.compareAndSet(false, true)) {
                    throw thrownAfterTheStep;
                }
            }

            @Override
            public void taskFailed(TaskKey task, TaskError error, int attempts) {
                events.add("failed " + task.id());
            }
        };

        // Two workers: the one whose listener call threw may stop; the other finishes the run.
        RunSummary summary = Engine.run(List.of(second), options(cache).withWorkers(2), listener);

        assertThat(thrown).isTrue();
        assertThat(runs).as("runs of the first task's step").hasValue(1);
        assertThat(summary.outcome()).as(failures(summary)).isEqualTo(RunOutcome.SUCCESS);
        assertThat(outcome(summary, "first").status()).isEqualTo(TaskStatus.EXECUTED);
        assertThat(outcome(summary, "second").status()).isEqualTo(TaskStatus.EXECUTED);
        assertThat(events)
                .filteredOn(e -> e.contains("name=first"))
                .containsExactly("started Plain(name=first) #1", "executed Plain(name=first)");
    }
}
