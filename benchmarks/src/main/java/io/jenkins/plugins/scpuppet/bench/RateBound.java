package io.jenkins.plugins.scpuppet.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The wall time the rate limits alone set: a key (account, region, service) that must receive {@code n} calls at
 * {@code rate} a second with a burst of {@code b} needs at least {@code (n - b) / rate} seconds, whatever the
 * scheduler. {@code n} is the calls a client cannot avoid: every call but the polls, plus one poll per operation
 * waited on (the poll that finds it done). The deploy's bound is the larger of this and the DAG's ({@link
 * LowerBound}): each holds for any schedule, so their maximum does too.
 */
final class RateBound {
    /** The busiest key and its least time. */
    record Busiest(String key, long unavoidableCalls, double seconds) {}

    private RateBound() {}

    /**
     * @param callsPerKeyAndOperation "account/region/service Operation" → calls, as the stand-in counted them
     */
    static Busiest of(Map<String, Long> callsPerKeyAndOperation, double ratePerSecond, int burst) {
        Map<String, Map<String, Long>> perKey = new HashMap<>();
        callsPerKeyAndOperation.forEach((keyOp, n) -> {
            int space = keyOp.lastIndexOf(' ');
            perKey.computeIfAbsent(keyOp.substring(0, space), k -> new HashMap<>())
                    .put(keyOp.substring(space + 1), n);
        });
        Busiest busiest = new Busiest("-", 0, 0);
        for (Map.Entry<String, Map<String, Long>> e : perKey.entrySet()) {
            long calls = unavoidable(e.getValue());
            double seconds = ratePerSecond > 0 ? Math.max(0, calls - burst) / ratePerSecond : 0;
            if (calls > busiest.unavoidableCalls()) {
                busiest = new Busiest(e.getKey(), calls, seconds);
            }
        }
        return busiest;
    }

    static long unavoidable(Map<String, Long> operations) {
        long calls = 0;
        for (Map.Entry<String, Long> op : operations.entrySet()) {
            Set<String> started = WaitOperations.POLLED.get(op.getKey());
            if (started == null) {
                calls += op.getValue();
            } else {
                long waits = started.stream()
                        .mapToLong(s -> operations.getOrDefault(s, 0L))
                        .sum();
                calls += Math.min(op.getValue(), waits);
            }
        }
        return calls;
    }
}
