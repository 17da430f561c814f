package io.jenkins.plugins.scpuppet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The mirror benchmark's closing table: per step, each client's time and requests, the bound at the mirror's ceiling
 * and the ratio to {@code aws s3 sync} in the same run, with the load average, so a run on a shared machine can be
 * read for what it is.
 */
final class MirrorSummary {
    static final List<String> STEPS =
            List.of("cold save", "save, no change", "save, 1% changed", "restore into an empty folder", "purge");
    static final List<String> CLIENTS =
            List.of("ours, fresh JVM", "ours, warm JVM", "bin/puppet process", "aws s3 sync", "bare SDK process");

    /** One measured step: seconds, requests through the fault proxy (-1 without one), and whether it succeeded. */
    record Cell(double seconds, long requests, boolean ok) {}

    private static final Map<String, Cell> CELLS = new LinkedHashMap<>();
    private static String loadAtStart = loadAverage();

    private MirrorSummary() {}

    static void start() {
        loadAtStart = loadAverage();
    }

    /** Files a measured line under its client and step, read from the label the benchmark prints. */
    static void record(String label, double seconds, long requests, boolean ok) {
        String client = label.startsWith("ours (fresh")
                ? CLIENTS.get(0)
                : label.startsWith("ours (warm")
                        ? CLIENTS.get(1)
                        : label.startsWith("bin/puppet")
                                ? CLIENTS.get(2)
                                : label.startsWith("aws")
                                        ? CLIENTS.get(3)
                                        : label.startsWith("bare SDK") ? CLIENTS.get(4) : null;
        String step = label.contains("cold")
                ? STEPS.get(0)
                : label.contains("no change")
                        ? STEPS.get(1)
                        : label.contains("1% changed")
                                ? STEPS.get(2)
                                : label.contains("restore") || label.contains("download")
                                        ? STEPS.get(3)
                                        : label.contains("purge") || label.contains("rm --recursive")
                                                ? STEPS.get(4)
                                                : null;
        if (client != null && step != null) {
            CELLS.put(client + "|" + step, new Cell(seconds, requests, ok));
        }
    }

    /** The 1-, 5- and 15-minute load averages, or "unknown" off Linux. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Prints the table in Markdown; the bound: the warm JVM's requests in rounds of {@code ceiling}, one latency each. */
    static void print(String[] args, long latencyMs, int ceiling) {
        System.out.printf(
                Locale.ROOT,
                "%nsummary: %s, %d cores, load average %s at the start and %s at the end%n"
                        + "command: java -Xmx512m -jar benchmarks/target/benchmarks.jar mirror %s%n"
                        + "bound = %d ms per round of %d requests in flight (ours); ratio = aws s3 sync's time / ours%n%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                Runtime.getRuntime().availableProcessors(),
                loadAtStart,
                loadAverage(),
                String.join(" ", args),
                latencyMs,
                ceiling);
        System.out.println("| step | requests (warm JVM / aws) | bound | " + String.join(" | ", CLIENTS)
                + " | ratio fresh / warm / process / bare SDK |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (String step : STEPS) {
            Cell warm = CELLS.get(CLIENTS.get(1) + "|" + step);
            Cell aws = CELLS.get(CLIENTS.get(3) + "|" + step);
            StringBuilder row = new StringBuilder("| " + step + " | ");
            row.append(requests(warm)).append(" / ").append(requests(aws)).append(" | ");
            row.append(
                    warm == null || warm.requests() < 0
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    "%.2f s",
                                    Math.ceil(warm.requests() / (double) ceiling) * latencyMs / 1000.0));
            for (String client : CLIENTS) {
                row.append(" | ").append(seconds(CELLS.get(client + "|" + step)));
            }
            row.append(" | ");
            for (int i : new int[] {0, 1, 2, 4}) {
                Cell ours = CELLS.get(CLIENTS.get(i) + "|" + step);
                row.append(i == 0 ? "" : " / ").append(ratio(aws, ours));
            }
            System.out.println(row.append(" |"));
        }
    }

    private static String requests(Cell c) {
        return c == null || c.requests() < 0 ? "-" : String.format(Locale.ROOT, "%,d", c.requests());
    }

    private static String seconds(Cell c) {
        return c == null ? "-" : String.format(Locale.ROOT, "%.2f s%s", c.seconds(), c.ok() ? "" : " (failed)");
    }

    private static String ratio(Cell aws, Cell ours) {
        return aws == null || ours == null || !aws.ok() || !ours.ok()
                ? "-"
                : String.format(Locale.ROOT, "%.1f×", aws.seconds() / ours.seconds());
    }
}
