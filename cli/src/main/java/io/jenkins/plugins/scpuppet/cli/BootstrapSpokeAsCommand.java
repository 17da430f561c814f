package io.jenkins.plugins.scpuppet.cli;

import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.aws.AwsSettings;
import io.jenkins.plugins.scpuppet.aws.RoleChain;
import io.jenkins.plugins.scpuppet.bootstrap.Bootstrap;
import io.jenkins.plugins.scpuppet.bootstrap.SpokeOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bootstrap-spoke-as}: bootstrap-spoke in the account reached through a chain of roles, as upstream does. */
@Command(
        name = "bootstrap-spoke-as",
        description = "Create the spoke's PuppetRole in the account of the last role, reached by assuming each role in"
                + " turn with the credentials of the one before.")
final class BootstrapSpokeAsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PUPPET_ACCOUNT_ID")
    String puppetAccount;

    @Parameters(
            index = "1..*",
            arity = "1..*",
            paramLabel = "ROLE_ARN",
            description = "Roles to assume in order; the last one is in the spoke.")
    List<String> roleArns = new ArrayList<>();

    @Mixin
    BootstrapCommands.PuppetRoleOptions role = new BootstrapCommands.PuppetRoleOptions();

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
        RemovalCommands.checkAccountId(spec, puppetAccount);
        for (int i = 0; i < roleArns.size(); i++) {
            String problem = RoleChain.problem(roleArns.get(i));
            if (problem != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "ROLE_ARN " + (i + 1) + ": " + problem);
            }
        }
        SpokeOptions options = role.toSpokeOptions(spec, deployInSpoke, puppetAccount);
        try (AwsClients caller = aws.clients()) {
            AwsSettings last = RoleChain.through(caller.settings(), roleArns);
            try (AwsClients spoke = new AwsClients(last)) {
                var result = new Bootstrap(spoke).spoke(puppetAccount, aws.homeRegion(), options);
                System.out.println("account " + RoleChain.account(roleArns.get(roleArns.size() - 1)) + ": "
                        + BootstrapCommands.stackLine(result));
                return ExitCodes.OK;
            }
        }
    }
}
