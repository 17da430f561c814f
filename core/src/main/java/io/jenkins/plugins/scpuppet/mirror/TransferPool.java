package io.jenkins.plugins.scpuppet.mirror;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * The bounded pool every transfer of the mirror runs on: restore, save and purge share it. How many of its requests may
 * be in flight at a time is the {@link AdaptiveWindow}'s call, which hears of every attempt's answer through {@link
 * ThrottleSignal} and narrows when S3 throttles a rate it cannot take. A request backing off before a retry leaves the
 * window ({@link WindowSlot}) but keeps its thread, so the pool has {@link #THREADS_PER_PLACE} threads per place in the
 * window: at a random 30% SlowDown, about as much time goes to backoffs as to attempts.
 */
final class TransferPool implements AutoCloseable {
    /** A transfer: true when it moved an object. */
    @FunctionalInterface
    interface Transfer {
        boolean call() throws Exception;

        /** The bytes of body it holds in memory while it runs; 0 for a request without one. */
        default long bytes() {
            return 0;
        }
    }

    /**
     * Threads per place at the window's ceiling. Under a random 30% SlowDown with the S3 client's throttling backoff
     * (200 ms base, full jitter), a request spends about 75 ms backing off for 70 ms of attempts at a 50 ms round
     * trip; with fewer threads, backoffs would again keep the window from filling.
     */
    static final int THREADS_PER_PLACE = 2;

    /** The window never closes below this: a few requests still find out when the throttling stops. */
    static final int FLOOR = 4;

    /**
     * Bodies held in memory at once over every transfer. The window bounds requests, this bounds their bytes: 128
     * targets of a few KB each pass at once, while 128 objects at the 16 MiB cap would not take 2 GiB of heap.
     */
    static final long BYTES_IN_FLIGHT = 64L << 20;

    private static final int KIB_IN_FLIGHT = (int) (BYTES_IN_FLIGHT >> 10);

    private final ExecutorService pool;
    private final AdaptiveWindow window;
    private final Semaphore kibInFlight = new Semaphore(KIB_IN_FLIGHT, true);

    TransferPool(int parallelism) {
        this.window = new AdaptiveWindow(Math.min(FLOOR, parallelism), parallelism, System::nanoTime);
        this.pool = Executors.newFixedThreadPool(THREADS_PER_PLACE * parallelism, r -> {
            Thread t = new Thread(r, "puppet-mirror");
            t.setDaemon(true);
            return t;
        });
    }

    /** One request run on the pool, for overlapping it with local work. */
    <T> Future<T> submit(Callable<T> request) {
        return pool.submit(() -> paced(request));
    }

    /** A transfer holding {@code bytes} of body while it runs (a size from the scan or the index). */
    static Transfer sized(long bytes, Transfer transfer) {
        return new Transfer() {
            @Override
            public boolean call() throws Exception {
                return transfer.call();
            }

            @Override
            public long bytes() {
                return bytes;
            }
        };
    }

    /** Runs one transfer within the byte budget: the budget is taken first, so a waiting body holds no window slot. */
    private boolean budgeted(Transfer t) throws Exception {
        int kib = (int) Math.min(KIB_IN_FLIGHT, (Math.max(0, t.bytes()) + 1023) >> 10);
        kibInFlight.acquire(kib);
        try {
            return paced(t::call);
        } finally {
            kibInFlight.release(kib);
        }
    }

    /** Runs one request in the window, hearing of each of its attempts; it leaves the window while it backs off. */
    private <T> T paced(Callable<T> request) throws Exception {
        try (WindowSlot slot = WindowSlot.take(window)) {
            ThrottleSignal.listen(slot);
            try {
                return request.call();
            } finally {
                ThrottleSignal.stopListening();
            }
        }
    }

    /** The window's state, for tests and the benchmark. */
    AdaptiveWindow window() {
        return window;
    }

    /** Runs the transfers and returns how many moved an object; see {@link Batch#await}. */
    int runAll(List<Transfer> work) throws InterruptedException, IOException {
        Batch batch = new Batch();
        batch.submit(work);
        return batch.await();
    }

    /** Transfers submitted together, possibly over time (as listing pages arrive), and awaited together. */
    final class Batch {
        private final List<Future<Boolean>> futures = new ArrayList<>();
        private int active;
        private boolean closed;

        /** May be called from another thread than {@link #await} and {@link #stop} (early saves). */
        void submit(List<Transfer> work) {
            for (Transfer t : work) {
                Future<Boolean> f = pool.submit(() -> run(t));
                synchronized (futures) {
                    futures.add(f);
                }
            }
        }

        private List<Future<Boolean>> submitted() {
            synchronized (futures) {
                return new ArrayList<>(futures);
            }
        }

        private boolean run(Transfer t) throws Exception {
            synchronized (this) {
                if (closed) {
                    return false;
                }
                active++;
            }
            try {
                return budgeted(t);
            } finally {
                synchronized (this) {
                    active--;
                    notifyAll();
                }
            }
        }

        /**
         * Waits for every transfer (a failure does not stop the others) and returns how many moved an object. When
         * the waiting thread is interrupted, the transfers not started are dropped and the running ones interrupted,
         * and this returns only once none runs any more: an aborted restore leaves no download writing behind it.
         */
        int await() throws InterruptedException, IOException {
            int done = 0;
            Throwable first = null;
            for (Future<Boolean> f : submitted()) {
                try {
                    if (Boolean.TRUE.equals(f.get())) {
                        done++;
                    }
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause();
                    }
                } catch (InterruptedException e) {
                    stop();
                    throw e;
                }
            }
            if (first != null) {
                throw new IOException("transfer failed: " + first.getMessage(), first);
            }
            return done;
        }

        /** Drops the transfers not started and waits until none runs (interrupting those that do). */
        void stop() {
            synchronized (this) {
                closed = true;
            }
            submitted().forEach(f -> f.cancel(true));
            synchronized (this) {
                while (active > 0) {
                    try {
                        wait(); // a running transfer's finally block notifies; interrupted I/O ends promptly
                    } catch (InterruptedException again) {
                        // keep waiting: the caller is already being interrupted
                    }
                }
            }
        }
    }

    /** The result of one request run on the pool, with the SDK's own exception rethrown as it was. */
    static <T> T await(Future<T> request) throws IOException, InterruptedException {
        try {
            return request.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause.getMessage(), cause);
        }
    }

    /**
     * Scans the workspace while a request for the index is in flight, so a no-change save or a restore does not wait
     * for the round trip after the scan. A save whose scan finds changes has spent one HEAD it did not need. If the
     * scan fails, the request is not waited for.
     */
    static Map<String, CacheIndex.Entry> scanWhileWaiting(CacheRoot root, Future<?> request) throws IOException {
        try {
            return LocalCache.scan(root);
        } catch (IOException | RuntimeException e) {
            if (request != null) {
                request.cancel(true);
            }
            throw e;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
