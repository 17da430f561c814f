package io.jenkins.plugins.scpuppet.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The pool's byte budget: however wide the window, the bodies held at once stay within it. A request backing off
 * leaves the window to others.
 */
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

    @Test
    void shouldGiveUpItsPlaceInTheWindowWhileItBacksOff() throws Exception {
        try (TransferPool pool = new TransferPool(1)) { // a window of one place
            AdaptiveWindow window = pool.window();
            CountDownLatch backingOff = new CountDownLatch(1);
            CountDownLatch ended = new CountDownLatch(1);
            AtomicReference<Duration> handedBack = new AtomicReference<>();
            AtomicReference<Boolean> interrupted = new AtomicReference<>();
            Future<?> waiting = pool.submit(() -> {
                backingOff.countDown();
                try {
                    handedBack.set(ThrottleSignal.waitOut(Duration.ofHours(1))); // ends only when interrupted
                    interrupted.set(Thread.currentThread().isInterrupted());
                } finally {
                    ended.countDown();
                }
                return null;
            });
            assertThat(backingOff.await(30, TimeUnit.SECONDS)).isTrue();

            // The only place is the waiting request's unless its backoff gave it up.
            Future<Integer> other = pool.submit(window::inFlight);
            assertThat(other.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(window.mostUnderway()).isEqualTo(2);

            waiting.cancel(true); // as an aborted restore interrupts its transfers
            assertThat(ended.await(30, TimeUnit.SECONDS)).isTrue();
            // The SDK's own sleep then throws at once and reports the interrupt.
            assertThat(handedBack.get()).isEqualTo(ThrottleSignal.INTERRUPTED);
            assertThat(interrupted.get()).isTrue();
            assertThat(window.inFlight()).isZero();
            assertThat(pool.submit(window::inFlight).get(30, TimeUnit.SECONDS)).isEqualTo(1); // no place leaked
        }
    }

    @Test
    void shouldTakeItsPlaceBackForTheNextAttempt() throws Exception {
        try (TransferPool pool = new TransferPool(1)) {
            AdaptiveWindow window = pool.window();
            Future<List<Object>> request = pool.submit(() -> {
                Duration rest = ThrottleSignal.waitOut(Duration.ofMillis(1));
                return List.of(rest, window.inFlight());
            });
            // Waited out here: the SDK has nothing left to sleep, and the retry holds the place again.
            assertThat(request.get(30, TimeUnit.SECONDS)).containsExactly(Duration.ZERO, 1);
            assertThat(window.inFlight()).isZero();
        }
    }

    @Test
    void shouldLeaveBackoffsToTheSdkOnAThreadOutsideThePool() {
        assertThat(ThrottleSignal.waitOut(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    }
}
