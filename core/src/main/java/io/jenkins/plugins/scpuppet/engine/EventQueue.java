package io.jenkins.plugins.scpuppet.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Listener events produced under the scheduler's lock, fired after it is released, so a slow listener never holds up
 * scheduling. Batches fire in the order their state changes happened.
 */
final class EventQueue {
    /** Taken before the state lock is released and held while firing, so listeners see events in causal order. */
    private final ReentrantLock fireLock = new ReentrantLock();

    private final List<Runnable> pending = new ArrayList<>();

    /** Queues an event; the caller holds the state lock. */
    void add(Runnable event) {
        pending.add(event);
    }

    /** Releases {@code stateLock} (which the caller holds) and fires the events queued under it. */
    void unlockAndFire(ReentrantLock stateLock) {
        if (pending.isEmpty()) {
            stateLock.unlock();
            return;
        }
        List<Runnable> batch = new ArrayList<>(pending);
        pending.clear();
        fireLock.lock();
        stateLock.unlock();
        try {
            batch.forEach(Runnable::run);
        } finally {
            fireLock.unlock();
        }
    }
}
