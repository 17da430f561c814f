package io.jenkins.plugins.scpuppet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.bootstrap.Removal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** release-spoke and uninstall: delete what bootstrap made, refusing while provisioned products still need it. */
final class RemovalCommands {
    private RemovalCommands() {}

    /** The options both share: which regions to search for provisioned products, and --force. */
    static final class Guard {
        @Option(
                names = "--region",
                paramLabel = "REGION",
                description = "A region to search for provisioned products that still depend on the PuppetRole;"
                        + " repeatable (default: the home region).")
        List<String> regions = new ArrayList<>();

        @Option(
                names = "--force",
                description = "Delete even though provisioned products (or, for uninstall, cache objects) remain.")
        boolean force;

        List<String> regions(AwsOptions aws) {
            return regions.isEmpty() ? List.of(aws.homeRegion()) : regions;
        }

        /** Prints the refusal and returns its status, or null when nothing depends on it or --force says go on. */
        Integer refusal(String command, List<String> dependents) {
            if (dependents.isEmpty()) {
                return null;
            }
            if (force) {
                System.err.println(command + ": --force: going on despite " + dependents.size() + " dependents:");
                dependents.forEach(d -> System.err.println("  " + d));
                return null;
            }
            System.err.println(command + " refused: " + dependents.size() + " still depend on it:");
            dependents.forEach(d -> System.err.println("  " + d));
            System.err.println("Terminate those products first (or release them from the manifest and deploy),"
                    + " or run again with --force. Nothing was deleted.");
            return ExitCodes.STILL_IN_USE;
        }
    }

    /** A 12-digit account id, or a usage error naming the argument (before any AWS call). */
    static void checkAccountId(CommandLine.Model.CommandSpec spec, String value) {
        if (value == null || !value.matches("\\d{12}")) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "PUPPET_ACCOUNT_ID '" + value + "' is not a 12-digit AWS account id");
        }
    }

    static String deletedLine(ObjectNode result) {
        return "stack " + result.path("stack_name").asText() + ": "
                + (result.path("deleted").asBoolean() ? "deleted" : "none to delete");
    }

    @Command(
            name = "release-spoke",
            description = "Delete this account's spoke stack (the PuppetRole). Refuses (exit 7) while provisioned"
                    + " products launched through the PuppetRole remain, unless --force.")
    static final class ReleaseSpoke implements Callable<Integer> {
        @Parameters(
                index = "0",
                paramLabel = "PUPPET_ACCOUNT_ID",
                description = "The hub this spoke belongs to (checked for form; upstream takes it too).")
        String puppetAccount;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        Guard guard = new Guard();

        @Mixin
        AwsOptions aws = new AwsOptions();

        @Override
        public Integer call() throws Exception {
            checkAccountId(spec, puppetAccount);
            try (AwsClients clients = aws.clients()) {
                Removal removal = new Removal(clients);
                Integer refused = guard.refusal("release-spoke", removal.spokeDependents(guard.regions(aws)));
                if (refused != null) {
                    return refused;
                }
                System.out.println(deletedLine(removal.releaseSpoke(aws.homeRegion())));
                return ExitCodes.OK;
            }
        }
    }

    @Command(
            name = "uninstall",
            description = "Delete the hub stack (cache bucket, parameters, event bus, index key). Refuses (exit 7)"
                    + " while provisioned products launched through the hub's PuppetRole remain or a hub bucket"
                    + " holds objects, unless --force, which empties the buckets (every version) first.")
    static final class Uninstall implements Callable<Integer> {
        @Mixin
        Guard guard = new Guard();

        @Mixin
        AwsOptions aws = new AwsOptions();

        @Override
        public Integer call() throws Exception {
            try (AwsClients clients = aws.clients()) {
                String account = aws.puppetAccountId(clients);
                Removal removal = new Removal(clients);
                Integer refused = guard.refusal(
                        "uninstall", removal.hubDependents(account, aws.homeRegion(), guard.regions(aws)));
                if (refused != null) {
                    return refused;
                }
                ObjectNode result = removal.uninstall(account, aws.homeRegion(), guard.force);
                System.out.println(deletedLine(result)
                        + (guard.force
                                ? "; " + result.path("object_versions_deleted").asLong()
                                        + " object versions and delete markers deleted"
                                : ""));
                return ExitCodes.OK;
            }
        }
    }
}
