package io.jenkins.plugins.scpuppet.cli;

import static io.jenkins.plugins.scpuppet.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/** Every command of the tree, including ones added later, answers -h, --help and help COMMAND with its usage. */
class HelpTest {

    /** Command paths below the root, walked from picocli's model: ["deploy"], ["cache", "save"], ... */
    static List<List<String>> commandPaths() {
        List<List<String>> out = new ArrayList<>();
        walk(PuppetCli.commandLine(), List.of(), out);
        return out;
    }

    private static void walk(CommandLine command, List<String> path, List<List<String>> out) {
        command.getSubcommands().forEach((name, sub) -> {
            List<String> child = new ArrayList<>(path);
            child.add(name);
            out.add(child);
            walk(sub, child, out);
        });
    }

    @TestFactory
    Stream<DynamicTest> shouldPrintUsageAndExitZeroForHelpOnEveryCommand() {
        List<List<String>> paths = commandPaths();
        assertThat(paths)
                .contains(
                        List.of("deploy"),
                        List.of("cache", "save"),
                        List.of("help"),
                        List.of("bootstrap-spoke-as"),
                        List.of("release-spoke"),
                        List.of("uninstall"));
        return paths.stream()
                .map(path -> DynamicTest.dynamicTest(String.join(" ", path), () -> {
                    String usage = "Usage: puppet " + String.join(" ", path);
                    for (String flag : List.of("--help", "-h")) {
                        List<String> args = new ArrayList<>(path);
                        args.add(flag);
                        CliTest.Result r = cli(args.toArray(String[]::new));
                        assertThat(r.exit()).as("%s exit", args).isZero();
                        assertThat(r.out()).as("%s output", args).contains(usage);
                    }
                    List<String> viaHelp = new ArrayList<>(List.of("help"));
                    viaHelp.addAll(path);
                    CliTest.Result r = cli(viaHelp.toArray(String[]::new));
                    assertThat(r.exit()).as("%s exit", viaHelp).isZero();
                    assertThat(r.out()).as("%s output", viaHelp).contains(usage);
                }));
    }

    @Test
    void shouldPrintTheRootUsageForHelpAlone() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"-h"}, new String[] {"help"})) {
            CliTest.Result r = cli(args);
            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("Usage: puppet ").contains("deploy").contains("cache");
        }
    }

    @Test
    void shouldExitTwoWithTheUsageOnUsageErrors() {
        CliTest.Result missing = cli("deploy");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err())
                .contains("Missing required parameter: 'MANIFEST'")
                .contains("Usage: puppet deploy");

        CliTest.Result unknownOption = cli("cache", "save", "--bogus");
        assertThat(unknownOption.exit()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("Unknown option: '--bogus'").contains("Usage: puppet cache save");

        CliTest.Result group = cli("cache");
        assertThat(group.exit()).isEqualTo(2);
        assertThat(group.err()).contains("Missing subcommand: give one of ls, purge, restore, save");
        assertThat(group.err()).contains("Usage: puppet cache");

        CliTest.Result unknownHelp = cli("help", "cache", "nope");
        assertThat(unknownHelp.exit()).isEqualTo(2);
        assertThat(unknownHelp.err()).contains("Unknown command 'cache nope'");
    }
}
