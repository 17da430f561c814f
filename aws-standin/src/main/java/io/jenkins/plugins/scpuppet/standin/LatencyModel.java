package io.jenkins.plugins.scpuppet.standin;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * How slow the stand-in is, as AWS is: each call answers after {@code callMillis}; provisioned-product records and
 * stack operations stay IN_PROGRESS for {@code provisionMillis} and {@code stackMillis} (their status is read off the
 * clock, no thread waits); each (account, region, service) gets {@code ratePerSecond} calls with bursts of {@code
 * burst}, beyond which calls are throttled in the service's wire format. Times are scaled down from AWS's (a
 * provision there takes minutes) so that a benchmark finishes in minutes.
 *
 * @param nanoTime the clock (tests pass a fake one)
 */
public record LatencyModel(
        long callMillis,
        long provisionMillis,
        long stackMillis,
        double ratePerSecond,
        int burst,
        LongSupplier nanoTime) {

    /** Everything at once and no rate limits: the stand-in as it always was. */
    public static final LatencyModel OFF = new LatencyModel(0, 0, 0, 0, 0, System::nanoTime);

    /** The default profile: 50 ms per call, 2 s per provision and stack operation, 20 calls per second per key. */
    public static final LatencyModel DEFAULT = new LatencyModel(50, 2000, 2000, 20, 40, System::nanoTime);

    private static final Set<String> KEYS = Set.of("call-ms", "provision-ms", "stack-ms", "rate-per-second", "burst");

    public LatencyModel {
        if (callMillis < 0 || provisionMillis < 0 || stackMillis < 0 || ratePerSecond < 0 || burst < 0) {
            throw new IllegalArgumentException("latency model values must not be negative");
        }
        if (ratePerSecond > 0 && burst < 1) {
            throw new IllegalArgumentException("a rate limit needs a burst of at least 1");
        }
    }

    public boolean rateLimited() {
        return ratePerSecond > 0;
    }

    public LatencyModel withClock(LongSupplier clock) {
        return new LatencyModel(callMillis, provisionMillis, stackMillis, ratePerSecond, burst, clock);
    }

    /**
     * {@code off}, {@code default}, or a profile file of {@code key=value} lines ({@code call-ms}, {@code
     * provision-ms}, {@code stack-ms}, {@code rate-per-second}, {@code burst}); keys left out keep the default's
     * values.
     *
     * @throws IllegalArgumentException naming the file and key when the profile cannot be used
     */
    public static LatencyModel parse(String value) {
        if (value.equals("off")) {
            return OFF;
        }
        if (value.equals("default")) {
            return DEFAULT;
        }
        Path file = Path.of(value);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    "latency model '" + value + "' is neither off, default nor a readable profile file");
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read latency profile " + file + ": " + e.getMessage(), e);
        }
        for (String key : p.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(
                        "latency profile " + file + ": unknown key '" + key + "'; known keys are " + KEYS);
            }
        }
        try {
            return new LatencyModel(
                    Long.parseLong(p.getProperty("call-ms", "" + DEFAULT.callMillis)),
                    Long.parseLong(p.getProperty("provision-ms", "" + DEFAULT.provisionMillis)),
                    Long.parseLong(p.getProperty("stack-ms", "" + DEFAULT.stackMillis)),
                    Double.parseDouble(p.getProperty("rate-per-second", "" + DEFAULT.ratePerSecond)),
                    Integer.parseInt(p.getProperty("burst", "" + DEFAULT.burst)),
                    System::nanoTime);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("latency profile " + file + ": " + e.getMessage(), e);
        }
    }

    /** The clock's time {@code millis} from now, in its nanoseconds. */
    long after(long millis) {
        return nanoTime.getAsLong() + millis * 1_000_000L;
    }

    /** Whether a time from {@link #after} has come. */
    boolean reached(long deadlineNanos) {
        return nanoTime.getAsLong() - deadlineNanos >= 0;
    }
}
