package io.jenkins.plugins.scpuppet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.deploy.DeployRequest;
import io.jenkins.plugins.scpuppet.deploy.DeployResult;
import io.jenkins.plugins.scpuppet.deploy.Deployment;
import io.jenkins.plugins.scpuppet.launches.DryRunResults;
import io.jenkins.plugins.scpuppet.launches.DryRunTable;
import io.jenkins.plugins.scpuppet.launches.LaunchList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dry-run} and {@code list-launches}: a read-only deploy (nothing is provisioned, shared or saved to S3) whose
 * dry-run results are printed as upstream prints them. Progress goes to stderr, the table or JSON to stdout.
 */
final class DryRunCommands {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DryRunCommands() {}

    /** What both commands need: the manifest, the cache dir for the run's journal, and where AWS is. */
    abstract static class ReadOnlyRun implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "MANIFEST", description = "The manifest.yaml.")
        Path manifest;

        @Option(names = "--workers", defaultValue = "10", description = "Worker threads (default: ${DEFAULT-VALUE}).")
        int workers;

        @Mixin
        CacheDirOption cache = new CacheDirOption();

        @Mixin
        AwsOptions aws = new AwsOptions();

        /** Runs the dry run; returns its exit status, having handed its results to {@link #print}. */
        int dryRun(String singleAccount) throws Exception {
            if (workers < 1) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--workers must be at least 1");
            }
            if (!Files.isRegularFile(manifest)) {
                System.err.println("manifest not found: " + manifest + "; give the path to a manifest.yaml");
                return ExitCodes.BAD_INPUT;
            }
            try (AwsClients clients = aws.clients()) {
                String account = aws.puppetAccountId(clients);
                Deployment deployment = new Deployment(clients, aws.configStore(clients, account), System.err::println)
                        .singleAccount(singleAccount);
                DeployResult result = deployment.deploy(
                        new DeployRequest(
                                manifest,
                                account,
                                aws.homeRegion(),
                                cache.cacheDir,
                                cache.cacheDir,
                                workers,
                                false,
                                true,
                                DeployCommand.ownerName()),
                        new ProgressListener(System.err, false));
                print(DryRunResults.read(cache.cacheDir, result.summary().runId()));
                return result.summary().outcome().exitStatus();
            }
        }

        abstract void print(DryRunResults results) throws Exception;
    }

    @Command(
            name = "dry-run",
            description = "Say what a deploy would change, changing nothing: upstream's table of Result, Launch,"
                    + " Account, Region, Current Version, New Version and Notes.")
    static final class DryRun extends ReadOnlyRun {
        @Mixin
        SingleAccountOption single = new SingleAccountOption();

        @Override
        public Integer call() throws Exception {
            return dryRun(single.accountId);
        }

        @Override
        void print(DryRunResults results) {
            System.out.print(DryRunTable.render(DryRunTable.rows(results)));
        }
    }

    @Command(
            name = "list-launches",
            description = "List every launch in every account and region with its expected and actual version"
                    + " (a dry run; upstream's list-launches).")
    static final class ListLaunches extends ReadOnlyRun {
        @Option(
                names = {"--format", "-f"},
                defaultValue = "table",
                description = "table or json (default: ${DEFAULT-VALUE}).")
        String format;

        @Override
        public Integer call() throws Exception {
            if (!format.equals("table") && !format.equals("json")) {
                throw new CommandLine.ParameterException(
                        new CommandLine(this), "--format must be table or json, got '" + format + "'");
            }
            return dryRun(null);
        }

        @Override
        void print(DryRunResults results) throws Exception {
            List<List<String>> rows = LaunchList.rows(results);
            if (format.equals("json")) {
                ObjectNode out = JSON.createObjectNode();
                for (List<String> r : rows) {
                    ObjectNode launch = out.putObject(r.get(0) + "_" + r.get(1) + "_" + r.get(2));
                    for (int i = 0; i < LaunchList.TABLE_HEADING.size(); i++) {
                        String name = LaunchList.TABLE_HEADING.get(i);
                        if (name.equals("active")) {
                            launch.put(name, r.get(i).equals("True"));
                        } else {
                            launch.put(name, r.get(i));
                        }
                    }
                }
                System.out.println(JSON.writeValueAsString(out));
                return;
            }
            System.out.print(LaunchList.render(rows));
        }
    }
}
