package io.jenkins.plugins.scpuppet.mirror;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The places in flight of the {@link AdaptiveWindow}, up to a limit the window moves. A request that gave up its place
 * to back off takes one again before any request not yet started. Each freed place wakes one waiter, not every one: the
 * transfer pool has more threads than places, and waking them all on every answer costs CPU the requests need.
 */
final class Places {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition startable = lock.newCondition();
    private final Condition resumable = lock.newCondition();

    private int limit;
    private int inFlight;
    /** Requests taken and not yet released, in flight or backing off between attempts. */
    private int underway;
    /** Paused requests waiting for a place to retry in. */
    private int resuming;

    private int mostUnderway;

    Places(int limit) {
        this.limit = limit;
    }

    /** Moves the limit; a wider one lets waiters in at once. */
    void limit(int value) {
        lock.lock();
        try {
            limit = value;
            resumable.signalAll();
            startable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits for a place for a new request (behind any paused one resuming) and takes it. */
    void acquire() throws InterruptedException {
        lock.lock();
        try {
            while (inFlight >= limit || resuming > 0) {
                startable.await();
            }
            inFlight++;
            underway++;
            mostUnderway = Math.max(mostUnderway, underway);
            admitNext();
        } finally {
            lock.unlock();
        }
    }

    /** Takes a place if one is free, without waiting. */
    boolean tryAcquire() {
        lock.lock();
        try {
            if (inFlight >= limit) {
                return false;
            }
            inFlight++;
            underway++;
            mostUnderway = Math.max(mostUnderway, underway);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The request is done. */
    void release() {
        lock.lock();
        try {
            inFlight--;
            underway--;
            admitNext();
        } finally {
            lock.unlock();
        }
    }

    /** The request backs off: its place is free until it resumes. */
    void pause() {
        lock.lock();
        try {
            inFlight--;
            admitNext();
        } finally {
            lock.unlock();
        }
    }

    /** Waits for a place for a paused request's next attempt and takes it. */
    void resume() throws InterruptedException {
        lock.lock();
        try {
            resuming++;
            try {
                while (inFlight >= limit) {
                    resumable.await();
                }
                inFlight++;
            } finally {
                resuming--;
                admitNext(); // the last one resuming lets new requests in
            }
        } finally {
            lock.unlock();
        }
    }

    /** A paused request that ends without resuming (interrupted while it backed off). */
    void leave() {
        lock.lock();
        try {
            underway--;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes one waiter for a free place; whoever takes it wakes the next, while places remain. */
    private void admitNext() {
        if (inFlight < limit) {
            (resuming > 0 ? resumable : startable).signal();
        }
    }

    int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** The most requests underway at once, in flight or backing off. */
    int mostUnderway() {
        lock.lock();
        try {
            return mostUnderway;
        } finally {
            lock.unlock();
        }
    }
}
