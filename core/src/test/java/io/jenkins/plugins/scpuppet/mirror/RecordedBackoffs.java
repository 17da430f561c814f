package io.jenkins.plugins.scpuppet.mirror;

import java.time.Duration;
import java.util.List;

/**
 * Runs code as a mirror transfer does, listening to {@link ThrottleSignal}, and records the backoffs it is asked to wait
 * out instead of waiting them: tests of the retry strategy in other packages see a transfer's delays without sleeping.
 */
public final class RecordedBackoffs {
    private RecordedBackoffs() {}

    /**
     * Runs {@code calls} and adds to {@code backoffs}, as they come, the backoffs it asks the calling thread to wait out;
     * none is waited. (A zero backoff is not asked for: the SDK is handed it back.)
     */
    public static void into(List<Duration> backoffs, Runnable calls) {
        ThrottleSignal.listen(new ThrottleSignal.Listener() {
            @Override
            public void answered(boolean throttled) {}

            @Override
            public void backOff(Duration delay) {
                backoffs.add(delay);
            }
        });
        try {
            calls.run();
        } finally {
            ThrottleSignal.stopListening();
        }
    }
}
