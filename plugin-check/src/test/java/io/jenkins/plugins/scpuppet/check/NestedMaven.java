package io.jenkins.plugins.scpuppet.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Maven that runs this build (Surefire passes its home, local repository and offline flag) as a separate
 * process, so a check sees exactly what a real {@code mvn} command does with the repository's POMs.
 */
final class NestedMaven {
    private static final long TIMEOUT_SECONDS = 180;

    record Result(List<String> command, int exitCode, String output) {
        @Override
        public String toString() {
            return String.join(" ", command) + " -> exit " + exitCode + "\n" + output;
        }
    }

    private NestedMaven() {}

    /** Maven with {@code args} in {@code dir}, offline when the outer build is. */
    static Result run(Path dir, List<String> args) {
        return run(dir, args, System.getProperty("scpuppet.maven.offline", "").equals("offline=true"));
    }

    /** Maven with {@code args} in {@code dir}; {@code offline} adds {@code -o}. */
    static Result run(Path dir, List<String> args, boolean offline) {
        List<String> command = new ArrayList<>();
        command.add(executable());
        String localRepo = System.getProperty("scpuppet.maven.repo.local", "");
        if (!localRepo.isBlank()) {
            command.add("-Dmaven.repo.local=" + localRepo);
        }
        if (offline) {
            command.add("-o");
        }
        command.addAll(args);
        try {
            // Outside dir: a file there would make the git status of a checked copy dirty.
            Path log = Files.createTempFile("scpuppet-nested-mvn-", ".log");
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Maven did not finish in " + TIMEOUT_SECONDS + " s: " + command);
            }
            String output = Files.readString(log);
            Files.delete(log);
            return new Result(List.copyOf(command), process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String executable() {
        String home = System.getProperty("scpuppet.maven.home", "");
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        String name = windows ? "mvn.cmd" : "mvn";
        return home.isBlank() ? name : Path.of(home, "bin", name).toString();
    }
}
