package io.jenkins.plugins.scpuppet.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The pool's byte budget: however wide the window, the bodies held at once stay within it. */
class TransferPoolTest {

    @Test
    void shouldRunOnlyAsManyLargeBodiesAtOnceAsTheBudgetHolds() throws Exception {
        long body = TransferPool.BYTES_IN_FLIGHT / 2 - 1024; // two fit, a third does not
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CyclicBarrier pairs = new CyclicBarrier(2); // proves two do run together: a pair must meet to finish
        List<TransferPool.Transfer> work = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            work.add(TransferPool.sized(body, () -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    pairs.await(30, TimeUnit.SECONDS);
                } finally {
                    running.decrementAndGet();
                }
                return true;
            }));
        }
        try (TransferPool pool = new TransferPool(8)) {
            assertThat(pool.runAll(work)).isEqualTo(10);
        }
        assertThat(most.get()).isEqualTo(2);
    }

    @Test
    void shouldLetSmallBodiesFillTheWholeWindow() throws Exception {
        int parallelism = 16;
        CyclicBarrier all = new CyclicBarrier(parallelism); // every thread at once, or the barrier times out
        List<TransferPool.Transfer> work = new ArrayList<>();
        for (int i = 0; i < parallelism; i++) {
            work.add(TransferPool.sized(4096, () -> {
                all.await(30, TimeUnit.SECONDS);
                return true;
            }));
        }
        try (TransferPool pool = new TransferPool(parallelism)) {
            assertThat(pool.runAll(work)).isEqualTo(parallelism);
        }
    }

    @Test
    void shouldNotDeadlockOnABodyOverTheWholeBudget() throws Exception {
        List<TransferPool.Transfer> work = List.of(
                TransferPool.sized(TransferPool.BYTES_IN_FLIGHT * 4, () -> true),
                TransferPool.sized(TransferPool.BYTES_IN_FLIGHT * 4, () -> true));
        try (TransferPool pool = new TransferPool(4)) {
            assertThat(pool.runAll(work)).isEqualTo(2);
        }
    }
}
