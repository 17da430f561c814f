package io.jenkins.plugins.scpuppet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.aws.OrganizationsAccountResolver;
import io.jenkins.plugins.scpuppet.bootstrap.Bootstrap;
import io.jenkins.plugins.scpuppet.bootstrap.BootstrapOptions;
import io.jenkins.plugins.scpuppet.bootstrap.CacheWriterPolicy;
import io.jenkins.plugins.scpuppet.bootstrap.SpokeOptions;
import io.jenkins.plugins.scpuppet.bootstrap.SpokesInOu;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** bootstrap, bootstrap-spoke and bootstrap-spokes-in-ou. */
final class BootstrapCommands {
    private BootstrapCommands() {}

    /** "stack NAME: created|updated|unchanged", from the result the stack operations return. */
    static String stackLine(JsonNode result) {
        return "stack " + result.path("stack_name").asText() + ": "
                + result.path("action").asText();
    }

    @Command(name = "bootstrap", description = "Create or update the hub stack: the caching bucket and parameters.")
    static final class Hub implements Callable<Integer> {
        @Option(
                names = "--noncurrent-version-days",
                defaultValue = "30",
                description = "Keep overwritten cache objects this long (default: ${DEFAULT-VALUE}).")
        int days;

        @Option(names = "--kms-key-id", description = "Encrypt the bucket with this KMS key (default: SSE-S3).")
        String kmsKeyId;

        @Option(names = "--with-event-bus", description = "Also create the servicecatalog-puppet-event-bus.")
        boolean eventBus;

        @Option(
                names = "--spoke-version",
                paramLabel = "VERSION",
                description = "For execution: spoke: the servicecatalog-puppet version spokes run; creates the"
                        + " spoke-deploy bucket and the service-catalog-puppet-version parameter.")
        String spokeVersion;

        @Option(
                names = "--cache-writer",
                paramLabel = "ARN",
                description = "A role or user ARN of this account (wildcards allowed) that may write and delete under"
                        + " the caching bucket's output/; repeatable. Replaces the default, every role under the"
                        + " account's /servicecatalog-puppet/ path. Everyone else is refused by the bucket policy.")
        List<String> cacheWriters = new ArrayList<>();

        @Mixin
        AwsOptions aws = new AwsOptions();

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            cacheWritersProblem(null); // usage errors before any AWS call
            try (AwsClients clients = aws.clients()) {
                String account = aws.puppetAccountId(clients);
                cacheWritersProblem(account);
                var result = new Bootstrap(clients)
                        .hub(
                                account,
                                aws.homeRegion(),
                                new BootstrapOptions(days, kmsKeyId, eventBus, spokeVersion, cacheWriters),
                                aws.configStore(clients, account));
                System.out.println(stackLine(result)
                        + (result.has("config")
                                ? "; config " + result.path("config").asText()
                                : ""));
                return ExitCodes.OK;
            }
        }

        private void cacheWritersProblem(String account) {
            for (String writer : cacheWriters) {
                String problem = CacheWriterPolicy.problem(writer, account);
                if (problem != null) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--cache-writer " + problem);
                }
            }
        }
    }

    /** The PuppetRole's options, shared by bootstrap-spoke and bootstrap-spokes-in-ou. */
    static final class PuppetRoleOptions {
        @Option(
                names = "--permission-boundary",
                paramLabel = "ARN",
                description = "A managed policy ARN that caps the PuppetRole.")
        String boundary;

        @Option(
                names = "--least-privilege",
                description = "Give the PuppetRole only the actions this tool calls (see docs/security.md) instead of"
                        + " AdministratorAccess. Launches then need a launch-role constraint.")
        boolean leastPrivilege;

        @Option(
                names = "--hub-principal",
                paramLabel = "ARN",
                description = "A hub principal ARN (wildcards allowed) the PuppetRole trusts; repeatable. Replaces the"
                        + " default, every role under the hub's /servicecatalog-puppet/ path.")
        List<String> hubPrincipals = new ArrayList<>();

        SpokeOptions toSpokeOptions(CommandLine.Model.CommandSpec spec, boolean deployInSpoke, String puppetAccount) {
            String conflict = SpokeOptions.conflict(leastPrivilege, deployInSpoke);
            if (conflict != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), conflict);
            }
            for (String principal : hubPrincipals) {
                String problem = SpokeOptions.hubPrincipalProblem(principal, puppetAccount);
                if (problem != null) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--hub-principal " + problem);
                }
            }
            return new SpokeOptions(leastPrivilege, boundary, hubPrincipals, deployInSpoke);
        }
    }

    @Command(name = "bootstrap-spoke", description = "Create the spoke's PuppetRole (in the caller's account).")
    static final class Spoke implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PUPPET_ACCOUNT_ID")
        String puppetAccount;

        @Mixin
        PuppetRoleOptions role = new PuppetRoleOptions();

        @Option(
                names = "--with-deploy-in-spoke",
                description = "Also create the CodeBuild project execution: spoke starts in this account.")
        boolean deployInSpoke;

        @Mixin
        AwsOptions aws = new AwsOptions();

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            SpokeOptions options = role.toSpokeOptions(spec, deployInSpoke, puppetAccount);
            try (AwsClients clients = aws.clients()) {
                var result = new Bootstrap(clients).spoke(puppetAccount, aws.homeRegion(), options);
                System.out.println(stackLine(result));
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "bootstrap-spokes-in-ou", description = "Bootstrap every account below an OU, through a role.")
    static final class SpokesInOuCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "OU_PATH_OR_ID")
        String ou;

        @Parameters(
                index = "1",
                paramLabel = "ROLE_NAME",
                description =
                        "A role in each account that the caller can" + " assume, e.g. OrganizationAccountAccessRole.")
        String roleName;

        @Mixin
        PuppetRoleOptions role = new PuppetRoleOptions();

        @Mixin
        CacheDirOption cache = new CacheDirOption();

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        AwsOptions aws = new AwsOptions();

        @Override
        public Integer call() throws Exception {
            role.toSpokeOptions(spec, false, null); // usage errors before any AWS call
            try (AwsClients clients = aws.clients();
                    AwsClients viaRole = new AwsClients(clients.settings().withRole(roleName))) {
                String account = aws.puppetAccountId(clients);
                SpokeOptions options = role.toSpokeOptions(spec, false, account);
                RunSummary summary = SpokesInOu.bootstrap(
                        viaRole,
                        new OrganizationsAccountResolver(clients.organizations(aws.homeRegion())),
                        ou,
                        roleName,
                        account,
                        aws.homeRegion(),
                        options,
                        cache.cacheDir,
                        new ProgressListener(System.out, false));
                System.out.println(summary.outcome() + ": " + summary.tasks().size() + " accounts");
                return summary.outcome().exitStatus();
            }
        }
    }
}
