package io.jenkins.plugins.scpuppet.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code puppet help [COMMAND [SUBCOMMAND]]}: the usage of any command, at any depth ({@code help cache save});
 * picocli's own help command looks one level down only.
 */
@Command(name = "help", helpCommand = true, description = "Show the usage of a command: help deploy, help cache save.")
final class HelpCommand implements IHelpCommandInitializable2, Callable<Integer> {
    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command (and subcommand) to describe.")
    List<String> names = List.of();

    private CommandLine self;
    private ColorScheme colors;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = out;
    }

    @Override
    public Integer call() {
        CommandLine command = self.getParent();
        for (String name : names) {
            CommandLine sub = command.getSubcommands().get(name);
            if (sub == null) {
                throw new ParameterException(
                        self,
                        "Unknown command '" + String.join(" ", names) + "'; commands of '"
                                + command.getCommandName() + "': "
                                + String.join(", ", command.getSubcommands().keySet()));
            }
            command = sub;
        }
        command.usage(out, colors);
        return ExitCodes.OK;
    }
}
