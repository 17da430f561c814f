package io.jenkins.plugins.scpuppet.mirror;

import java.time.Duration;

/**
 * One request's place in the {@link AdaptiveWindow}, held by the thread that makes it: it reports every attempt's answer
 * to the window and gives the place up while the request backs off before a retry, taking one again (before requests not
 * yet started) for the next attempt. Used by one thread only.
 */
final class WindowSlot implements ThrottleSignal.Listener, AutoCloseable {
    private final AdaptiveWindow window;
    private boolean held = true;

    private WindowSlot(AdaptiveWindow window) {
        this.window = window;
    }

    /** Waits for a place in the window and takes it. */
    static WindowSlot take(AdaptiveWindow window) throws InterruptedException {
        window.acquire();
        return new WindowSlot(window);
    }

    @Override
    public void answered(boolean throttled) {
        window.answered(throttled);
    }

    /** Sleeps without the place; interrupted, it returns without one, which {@link #close} then accounts for. */
    @Override
    public void backOff(Duration delay) throws InterruptedException {
        window.pause();
        held = false;
        Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
        window.resume();
        held = true;
    }

    @Override
    public void close() {
        if (held) {
            window.release();
        } else {
            window.leave();
        }
    }
}
