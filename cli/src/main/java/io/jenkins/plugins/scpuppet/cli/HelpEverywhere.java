package io.jenkins.plugins.scpuppet.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Help a newcomer cannot miss: every command, including ones added later, takes {@code -h}/{@code --help} (printed
 * before required parameters are checked), and a group such as {@code cache} run without a subcommand is a usage
 * error that lists its subcommands.
 */
final class HelpEverywhere {
    private HelpEverywhere() {}

    /** Adds {@code -h}/{@code --help} to every command of the tree that has no help option yet. */
    static void addHelpOptions(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        if (spec.findOption("--help") == null && spec.findOption("-h") == null) {
            spec.addOption(OptionSpec.builder("-h", "--help")
                    .usageHelp(true)
                    .description("Show this help message and exit.")
                    .build());
        }
        command.getSubcommands().values().forEach(HelpEverywhere::addHelpOptions);
    }

    /** Prints help when asked for, refuses a group run without a subcommand, else runs the last command. */
    static int execute(ParseResult parsed) {
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) {
            return help;
        }
        ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        CommandLine command = last.commandSpec().commandLine();
        Object user = command.getCommand();
        if (!command.getSubcommands().isEmpty() && !(user instanceof Runnable) && !(user instanceof Callable)) {
            throw new ParameterException(
                    command,
                    "Missing subcommand: give one of "
                            + String.join(", ", command.getSubcommands().keySet()));
        }
        return new CommandLine.RunLast().execute(parsed);
    }
}
