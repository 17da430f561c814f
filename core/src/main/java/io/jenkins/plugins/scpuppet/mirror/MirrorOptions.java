package io.jenkins.plugins.scpuppet.mirror;

import java.time.Duration;

/**
 * How the mirror behaves.
 *
 * @param parallelism the most transfers in flight: the ceiling of the mirror's {@link AdaptiveWindow}
 * @param leaseTimeout how long a save waits for another build's lease
 * @param failWhenLeaseBusy after the wait: fail the save (true) or skip it and say so (false)
 * @param leaseTtl how long a lease lasts if its holder dies (it is renewed every third of it while a save runs)
 * @param leasePoll how often a waiting save tries the lease again
 */
public record MirrorOptions(
        int parallelism, Duration leaseTimeout, boolean failWhenLeaseBusy, Duration leaseTtl, Duration leasePoll) {
    public static final MirrorOptions DEFAULT =
            new MirrorOptions(128, Duration.ofMinutes(5), false, Duration.ofMinutes(3), Duration.ofSeconds(5));

    public MirrorOptions withLeaseTimeout(Duration timeout, boolean fail) {
        return new MirrorOptions(parallelism, timeout, fail, leaseTtl, leasePoll);
    }

    public MirrorOptions withLeaseTtl(Duration ttl) {
        return new MirrorOptions(parallelism, leaseTimeout, failWhenLeaseBusy, ttl, leasePoll);
    }

    /** A third of the TTL: two renewals can fail (a network blip) before the lease lapses. */
    public Duration leaseRenewEvery() {
        return leaseTtl.dividedBy(3);
    }
}
