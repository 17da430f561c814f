package io.jenkins.plugins.scpuppet.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Maven command jenkins-infra's buildPlugin step runs for this repository on ci.jenkins.io, derived as
 * buildPlugin derives it: from the argument list in buildplugin-maven-args.txt (with its conditions) and the
 * repository's .mvn files.
 */
final class BuildPluginCommand {
    /** What a local Maven run cannot or must not do: a clean, an install, the help goal, a throw-away repository. */
    private static final Set<String> NOT_RUN_HERE = Set.of("clean", "install", "help:evaluate");

    private record Line(String argument, Set<String> conditions) {}

    private BuildPluginCommand() {}

    /** buildPlugin's test for an incrementals-enabled repository (vars/buildPlugin.groovy, Checkout stage). */
    static boolean incrementals(Path root) {
        Path extensions = root.resolve(".mvn/extensions.xml");
        Path config = root.resolve(".mvn/maven.config");
        return Files.exists(extensions)
                && Repo.read(extensions).contains("git-changelist-maven-extension")
                && Files.exists(config)
                && !Repo.read(config).contains("-Pmight-produce-incrementals-with-minimal-flattening");
    }

    /** Every argument buildPlugin passes for a configuration on a unix or a Windows agent. */
    static List<String> arguments(Path root, boolean unix) {
        boolean incrementals = incrementals(root);
        boolean consume = Files.exists(root.resolve("consume-incrementals"));
        List<String> out = new ArrayList<>();
        for (Line line : lines()) {
            boolean applies = line.conditions().stream().allMatch(c -> switch (c) {
                case "unix" -> unix;
                case "incrementals" -> incrementals;
                case "archive" -> true;
                case "no-consume" -> !consume;
                default -> throw new IllegalStateException("unknown condition " + c);
            });
            if (applies) {
                out.add(line.argument());
            }
        }
        return out;
    }

    /** The same arguments for a run here: without clean, install, help:evaluate and its options, the local repo. */
    static List<String> forLocalRun(List<String> arguments) {
        return arguments.stream()
                .filter(a -> !NOT_RUN_HERE.contains(a))
                .filter(a -> !a.startsWith("-Dexpression=") && !a.startsWith("-Doutput="))
                .filter(a -> !a.startsWith("-Dmaven.repo.local="))
                .toList();
    }

    private static List<Line> lines() {
        try (InputStream in = BuildPluginCommand.class.getResourceAsStream("buildplugin-maven-args.txt")) {
            if (in == null) {
                throw new IllegalStateException("buildplugin-maven-args.txt is not on the test classpath");
            }
            List<Line> out = new ArrayList<>();
            for (String text : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                if (text.isBlank() || text.startsWith("#")) {
                    continue;
                }
                String[] parts = text.split("\t", 2);
                Set<String> conditions = parts.length == 2 ? Set.of(parts[1].trim().split(",")) : Set.of();
                out.add(new Line(parts[0].trim(), conditions));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
