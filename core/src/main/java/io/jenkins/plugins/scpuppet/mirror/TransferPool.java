package io.jenkins.plugins.scpuppet.mirror;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The bounded pool every transfer of the mirror runs on: restore, save and purge share it, so one mirror never has
 * more than {@code parallelism} requests in flight.
 */
final class TransferPool implements AutoCloseable {
    /** A transfer: true when it moved an object. */
    @FunctionalInterface
    interface Transfer {
        boolean call() throws Exception;
    }

    private final ExecutorService pool;

    TransferPool(int parallelism) {
        this.pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "puppet-mirror");
            t.setDaemon(true);
            return t;
        });
    }

    /** One request run on the pool, for overlapping it with local work. */
    <T> Future<T> submit(Callable<T> request) {
        return pool.submit(request);
    }

    /** Runs the transfers and returns how many moved an object; see {@link #awaitAll}. */
    int runAll(List<Transfer> work) throws InterruptedException, IOException {
        return awaitAll(submitAll(work));
    }

    List<Future<Boolean>> submitAll(List<Transfer> work) {
        List<Future<Boolean>> futures = new ArrayList<>();
        for (Transfer t : work) {
            futures.add(pool.submit(t::call));
        }
        return futures;
    }

    /**
     * Waits for every transfer (a failure does not stop the others) and returns how many moved an object. When the
     * waiting thread is interrupted, the transfers not yet finished are cancelled, so none outlives the call.
     */
    static int awaitAll(List<Future<Boolean>> futures) throws InterruptedException, IOException {
        int done = 0;
        Throwable first = null;
        for (Future<Boolean> f : futures) {
            try {
                if (Boolean.TRUE.equals(f.get())) {
                    done++;
                }
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause();
                }
            } catch (InterruptedException e) {
                futures.forEach(g -> g.cancel(true));
                throw e;
            }
        }
        if (first != null) {
            throw new IOException("transfer failed: " + first.getMessage(), first);
        }
        return done;
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
    static Map<String, CacheIndex.Entry> scanWhileWaiting(Path cacheRoot, Future<?> request) throws IOException {
        try {
            return LocalCache.scan(cacheRoot);
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
