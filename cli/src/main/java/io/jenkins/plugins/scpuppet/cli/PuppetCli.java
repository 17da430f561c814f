package io.jenkins.plugins.scpuppet.cli;

import io.jenkins.plugins.scpuppet.config.ConfigException;
import io.jenkins.plugins.scpuppet.manifest.ManifestException;
import io.jenkins.plugins.scpuppet.mirror.CacheRefusedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code puppet}: the command line. Exit statuses: 0 success, 1 task failures, 2 bad usage or invalid input
 * (arguments, manifest, config), 3 AWS unreachable or refusing outside a task, 4 cache not saved (the lease stayed
 * busy), 5 deployed but the cache save after it failed, 6 cache not restored (not authenticated), 7 release-spoke
 * or uninstall refused while something still depends on the stacks, 130 cancelled.
 */
@Command(
        name = "puppet",
        mixinStandardHelpOptions = true,
        version = "service-catalog-puppet-jenkins " + PuppetCli.VERSION,
        description = "Service Catalog puppet deployments as a cached task DAG.",
        subcommands = {
            DeployCommand.class,
            DryRunCommands.DryRun.class,
            DryRunCommands.ListLaunches.class,
            ManifestCommands.Validate.class,
            ManifestCommands.Expand.class,
            ManifestCommands.Graph.class,
            ManifestCommands.Plan.class,
            ConfigCommands.Set.class,
            ConfigCommands.Get.class,
            ConfigCommands.ListValues.class,
            ConfigCommands.SetRegions.class,
            ConfigCommands.Upload.class,
            CacheCommands.class,
            BootstrapCommands.Hub.class,
            BootstrapCommands.Spoke.class,
            BootstrapCommands.SpokesInOuCommand.class,
            BootstrapSpokeAsCommand.class,
            RemovalCommands.ReleaseSpoke.class,
            RemovalCommands.Uninstall.class,
            ResetOwnerCommand.class,
            VersionCommand.class,
            SeedCommand.class,
            HelpCommand.class
        })
public final class PuppetCli {
    /** This CLI's version, as {@code puppet version} and {@code --version} print it. */
    static final String VERSION = "0.1";

    private PuppetCli() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line in-process and returns the exit status. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The whole command tree, every command with -h/--help, ready to execute. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new PuppetCli());
        HelpEverywhere.addHelpOptions(cli);
        cli.setExecutionStrategy(HelpEverywhere::execute);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(message(e));
            return exitFor(e);
        });
        return cli;
    }

    static int exitFor(Throwable e) {
        if (e instanceof CacheRefusedException) {
            return ExitCodes.CACHE_REFUSED;
        }
        if (e instanceof ManifestException || e instanceof ConfigException) {
            return ExitCodes.BAD_INPUT;
        }
        if (e instanceof InterruptedException) {
            return ExitCodes.CANCELLED;
        }
        if (e instanceof SdkException) {
            return ExitCodes.AWS_UNREACHABLE;
        }
        return ExitCodes.TASK_FAILURES;
    }

    static String message(Throwable e) {
        if (e instanceof SdkClientException) {
            return "cannot reach AWS: " + e.getMessage() + "; check --endpoint-url, the network and credentials";
        }
        if (e instanceof SdkException) {
            return "AWS refused: " + e.getMessage();
        }
        if (e instanceof ManifestException || e instanceof ConfigException || e instanceof CacheRefusedException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
