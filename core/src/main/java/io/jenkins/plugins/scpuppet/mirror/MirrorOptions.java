package io.jenkins.plugins.scpuppet.mirror;

import java.time.Duration;

/**
 * How the mirror behaves.
 *
 * @param parallelism concurrent transfers
 * @param leaseTimeout how long a save waits for another build's lease
 * @param failWhenLeaseBusy after the wait: fail the save (true) or skip it and say so (false)
 * @param leaseTtl how long a lease lasts if its holder dies
 */
public record MirrorOptions(
        int parallelism, Duration leaseTimeout, boolean failWhenLeaseBusy, Duration leaseTtl, Duration leasePoll) {
    public static final MirrorOptions DEFAULT =
            new MirrorOptions(32, Duration.ofMinutes(5), false, Duration.ofMinutes(30), Duration.ofSeconds(5));

    public MirrorOptions withLeaseTimeout(Duration timeout, boolean fail) {
        return new MirrorOptions(parallelism, timeout, fail, leaseTtl, leasePoll);
    }
}
