package io.jenkins.plugins.scpuppet.sandbox;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the third-party IAM judge ({@code iam-judge/judge.mjs}, node with {@code @cloud-copilot/iam-simulate}) over
 * stand-in IAM recordings and echoes what it prints to stdout, so that its verdict is in the build log.
 */
final class IamJudge {
    static final Path HOME = Path.of("..", "iam-judge").toAbsolutePath().normalize();
    /** Where the judged tests leave their recordings. */
    static final Path RECORDINGS = Path.of("target", "iam-judge").toAbsolutePath();

    private static final Path SIMULATOR = HOME.resolve("node_modules/@cloud-copilot/iam-simulate/package.json");
    private static final Pattern SUMMARY = Pattern.compile(
            "iam-judge (\\S+): (\\d+) calls, (\\d+) distinct, (\\d+) denials, (\\d+) unknown roles, (\\d+) not judgeable,"
                    + " (\\d+) disagreements with the stand-in.*");

    private IamJudge() {}

    /** One run: exit status, every line printed, wall time. */
    record Verdict(int exit, List<String> lines, long millis) {
        List<String> linesStartingWith(String recording, String tag) {
            String prefix = "iam-judge " + recording + ": " + tag;
            return lines.stream().filter(l -> l.startsWith(prefix)).toList();
        }

        Summary summary(String recording) {
            for (String line : lines) {
                Matcher m = SUMMARY.matcher(line);
                if (m.matches() && m.group(1).equals(recording)) {
                    return new Summary(
                            line,
                            Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(3)),
                            Integer.parseInt(m.group(4)),
                            Integer.parseInt(m.group(5)),
                            Integer.parseInt(m.group(6)),
                            Integer.parseInt(m.group(7)));
                }
            }
            throw new AssertionError("no summary line for " + recording + " in:\n" + String.join("\n", lines));
        }
    }

    record Summary(
            String line, int calls, int distinct, int denials, int unknownRoles, int notJudgeable, int disagreements) {}

    /**
     * Skips the calling test with a clear message when node or the judge's node_modules are missing, or fails it
     * when the environment variable CI is set (the sandbox module's build runs {@code npm ci --prefix
     * iam-judge}).
     */
    static void requireInstalled() {
        String missing = missing();
        if (missing == null) {
            return;
        }
        String message = "iam-judge cannot run: " + missing + ". Install it with: npm ci --prefix iam-judge";
        if (System.getenv("CI") != null) {
            fail(message + " (CI is set, so this is a failure, not a skip)");
        }
        System.out.println("SKIPPED " + message);
        Assumptions.abort(message);
    }

    /**
     * Whether the judge can run here; when it cannot, says so on stdout, or fails the calling test when CI is set.
     * For tests whose other assertions stand without the judge.
     */
    static boolean installed() {
        String missing = missing();
        if (missing == null) {
            return true;
        }
        String message = "iam-judge cannot run: " + missing + ". Install it with: npm ci --prefix iam-judge";
        if (System.getenv("CI") != null) {
            fail(message + " (CI is set, so this is a failure, not a skip)");
        }
        System.out.println("NOT JUDGED: " + message);
        return false;
    }

    /** Writes the sandbox's recording into an empty folder (no templates left from an earlier run). */
    static void write(Sandbox box, Path recording) throws IOException {
        if (java.nio.file.Files.exists(recording)) {
            try (var files = java.nio.file.Files.walk(recording)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(p);
                }
            }
        }
        box.iam().writeRecording(recording);
    }

    private static String missing() {
        try {
            Process p = new ProcessBuilder("node", "--version")
                    .redirectErrorStream(true)
                    .start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "node --version failed: " + version;
            }
        } catch (IOException | InterruptedException e) {
            return "node is not on the PATH (" + e.getMessage() + ")";
        }
        return Files.isRegularFile(SIMULATOR) ? null : SIMULATOR + " is missing";
    }

    /** Runs the judge over the recordings, echoing each line it prints as it comes. */
    static Verdict run(Path... recordings) throws IOException, InterruptedException {
        return run(List.of(), recordings);
    }

    /** @param options judge options before the recordings ({@code --policies FILE}) */
    static Verdict run(List<String> options, Path... recordings) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of("node", HOME.resolve("judge.mjs").toString()));
        command.addAll(options);
        for (Path r : recordings) {
            command.add(r.toString());
        }
        long started = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                System.out.println(line);
                lines.add(line);
            }
        }
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("iam-judge did not finish within 5 minutes");
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new Verdict(p.exitValue(), List.copyOf(lines), millis);
    }
}
