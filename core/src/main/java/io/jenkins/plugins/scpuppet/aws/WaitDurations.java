package io.jenkins.plugins.scpuppet.aws;

import java.util.Arrays;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long recent waits of each kind took (a kind is, say, provisioning one product, or creating one stack): the
 * poller's first poll of the next wait of that kind goes when most of them had ended, not after a short interval that
 * would only find it in progress. Operations of one kind take much the same time, so a deploy of many provisions polls
 * each about once instead of a growing series of times, which keeps calls under AWS's rate limits.
 *
 * <p>A kind belongs to a family (all provisions, all stack creations): a kind with too few waits of its own uses its
 * family's. Each sample is the middle of the last gap between polls, so overshooting polls do not inflate it. The estimate is
 * the lower quartile of the last {@link #KEPT} samples: a wait shorter than most is then found by one or two polls at
 * the usual interval. Memory is bounded: {@link #KEPT} samples for each of at most {@link #MAX_KINDS} kinds.
 */
final class WaitDurations {
    static final int KEPT = 32;
    static final int MAX_KINDS = 4096;
    /** Fewer samples than this give no estimate: one odd wait should not set the schedule. */
    static final int MIN_SAMPLES = 3;

    private final Map<String, Ring> kinds = new ConcurrentHashMap<>();

    /**
     * Records that a wait of {@code kind} ended between {@code notDoneMillis} and {@code doneMillis} after it began,
     * for the kind and for its family.
     */
    void record(String kind, long notDoneMillis, long doneMillis) {
        if (kind == null) {
            return;
        }
        long sample = (notDoneMillis + doneMillis) / 2;
        for (String k : new String[] {kind, family(kind)}) {
            if (kinds.size() < MAX_KINDS || kinds.containsKey(k)) {
                kinds.computeIfAbsent(k, x -> new Ring()).add(sample);
            }
        }
    }

    /**
     * The lower quartile of the kind's recent waits when there are enough of them, else of its family's: the first
     * provisions of a launch, all started together, learn from the launches that ended before them.
     */
    OptionalLong estimateMillis(String kind) {
        if (kind == null) {
            return OptionalLong.empty();
        }
        OptionalLong own = quartile(kind);
        return own.isPresent() ? own : quartile(family(kind));
    }

    /** A kind is "family/detail" (say "provision/launch-7 v1"); a kind without a slash is its own family. */
    static String family(String kind) {
        int slash = kind.indexOf('/');
        return slash < 0 ? kind : kind.substring(0, slash);
    }

    private OptionalLong quartile(String kind) {
        Ring ring = kinds.get(kind);
        return ring == null ? OptionalLong.empty() : ring.lowerQuartile();
    }

    private static final class Ring {
        private final long[] samples = new long[KEPT];
        private int count;

        synchronized void add(long millis) {
            samples[count % KEPT] = millis;
            count++;
        }

        synchronized OptionalLong lowerQuartile() {
            int n = Math.min(count, KEPT);
            if (n < MIN_SAMPLES) {
                return OptionalLong.empty();
            }
            long[] sorted = Arrays.copyOf(samples, n);
            Arrays.sort(sorted);
            return OptionalLong.of(sorted[(n - 1) / 4]);
        }
    }
}
