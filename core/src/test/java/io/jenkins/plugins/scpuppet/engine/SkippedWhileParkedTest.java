package io.jenkins.plugins.scpuppet.engine;

import static io.jenkins.plugins.scpuppet.engine.Runs.options;
import static io.jenkins.plugins.scpuppet.engine.Runs.outcome;
import static io.jenkins.plugins.scpuppet.engine.Runs.task;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task parked on a busy capacity-1 resource, then skipped because a requirement failed, must leave the resource's
 * line: the release that wakes the other waiters must not wake it and run it.
 *
 * <p>The scheduler is driven by hand on this thread, as workers would, so the order is exact. A requirement can only
 * fail under a parked task if it ends after that task was made ready (as a worker once did by ending a job twice),
 * so the test adds that requirement edge to the parked node itself.
 */
class SkippedWhileParkedTest {
    @TempDir
    Path cache;

    @Test
    void shouldNeverRunATaskSkippedWhileParkedAndStillWakeTheOtherWaiters() throws Exception {
        // Plain tasks, no cache checks; ready ones are taken by priority.
        TaskSpec holder =
                task(TestFamily.PLAIN, "holder").resource("mutex").priority(10).build();
        TaskSpec first = task(TestFamily.PLAIN, "first").priority(9).build();
        TaskSpec parked = task(TestFamily.PLAIN, "parked")
                .resource("mutex")
                .priority(5)
                .requires(first)
                .build();
        TaskSpec waiter =
                task(TestFamily.PLAIN, "waiter").resource("mutex").priority(1).build();
        TaskSpec failing = task(TestFamily.PLAIN, "failing").priority(0).build();
        Scheduler scheduler =
                new Scheduler(TaskGraph.of(List.of(holder, parked, waiter, failing)), options(cache), RunListener.NONE);
        scheduler.lock.lock();
        try {
            Node holderNode = next(scheduler);
            assertThat(holderNode.spec).as("takes the mutex").isSameAs(holder);
            Node firstNode = next(scheduler);
            assertThat(firstNode.spec).isSameAs(first);
            end(scheduler, firstNode, () -> scheduler.executed(firstNode, null, null)); // parked is ready now

            // parked and waiter find the mutex busy and park on it; failing is the task that runs.
            Node failingNode = next(scheduler);
            assertThat(failingNode.spec).isSameAs(failing);
            Node parkedNode = firstNode.dependents.get(0);
            assertThat(parkedNode.state).isEqualTo(Node.State.PARKED);
            parkedNode.requirements.add(failingNode);
            failingNode.dependents.add(parkedNode);
            end(scheduler, failingNode, () -> scheduler.failed(failingNode, new TaskError("Boom", "failed", false)));
            assertThat(parkedNode.status).isEqualTo(TaskStatus.SKIPPED);

            end(scheduler, holderNode, () -> scheduler.executed(holderNode, null, null)); // frees the mutex
            Node woken = next(scheduler);
            assertThat(woken.spec).as("the task the freed mutex runs").isSameAs(waiter);
            end(scheduler, woken, () -> scheduler.executed(woken, null, null));
            assertThat(scheduler.nextJob()).as("job after the last task").isNull();
        } finally {
            scheduler.lock.unlock();
        }
        RunSummary summary = scheduler.finish(RunClock.system());

        assertThat(outcome(summary, "parked").status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(outcome(summary, "parked").attempts())
                .as("runs of the skipped task")
                .isZero();
        assertThat(outcome(summary, "parked").blockedBy()).isEqualTo(failing.key());
        assertThat(outcome(summary, "waiter").status()).isEqualTo(TaskStatus.EXECUTED);
        assertThat(outcome(summary, "holder").status()).isEqualTo(TaskStatus.EXECUTED);
    }

    /** The next job, which must be a task to run (these tasks have no cache checks). */
    private static Node next(Scheduler scheduler) throws InterruptedException {
        Scheduler.Job job = scheduler.nextJob();
        assertThat(job).isNotNull();
        assertThat(job.check()).isFalse();
        return job.node();
    }

    private static void end(Scheduler scheduler, Node node, Runnable change) {
        change.run();
        scheduler.jobEnded(node);
    }
}
