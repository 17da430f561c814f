package io.jenkins.plugins.scpuppet.cli;

import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.aws.AwsSettings;
import io.jenkins.plugins.scpuppet.aws.StsEndpoints;
import io.jenkins.plugins.scpuppet.config.ConfigStore;
import io.jenkins.plugins.scpuppet.config.FileConfigStore;
import io.jenkins.plugins.scpuppet.config.SsmConfigStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where AWS is and who the puppet account is; shared by the commands that talk to AWS. */
final class AwsOptions {
    @Option(names = "--puppet-account-id", description = "The hub account (default: the caller's account).")
    String puppetAccountId;

    @Option(
            names = "--home-region",
            description = "The puppet account's home region (default: $AWS_REGION, else" + " eu-west-1).")
    String homeRegion;

    @Option(names = "--endpoint-url", description = "Send every AWS call here (a local stand-in or moto).")
    URI endpoint;

    @Option(names = "--s3-endpoint-url", description = "Send S3 calls (the cache bucket) here instead.")
    URI s3Endpoint;

    @Option(
            names = "--config-file",
            description = "A local config.yaml that overrides the SSM parameter"
                    + " /servicecatalog-puppet/config (default: ./config.yaml if present).")
    Path configFile;

    @Option(
            names = "--sts-endpoints",
            description = "regional (default): assume roles through STS in the home region; legacy: through the"
                    + " global endpoint, as the config's aws_sts_regional_endpoints: legacy also does.")
    String stsEndpoints;

    @Option(
            names = "--no-source-identity",
            description = "Do not set SourceIdentity on role sessions (for callers whose own session already"
                    + " carries one, which STS does not let a chained session change).")
    boolean noSourceIdentity;

    String homeRegion() {
        if (homeRegion != null) {
            return homeRegion;
        }
        String env = System.getenv("AWS_REGION");
        return env != null && !env.isBlank() ? env : "eu-west-1";
    }

    AwsClients clients() {
        AwsSettings settings = AwsSettings.defaults().withHomeRegion(homeRegion());
        if (stsEndpoints != null) {
            try {
                settings = settings.withStsEndpoints(StsEndpoints.parse(stsEndpoints));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(
                        new picocli.CommandLine(this), "--sts-endpoints: " + e.getMessage());
            }
        }
        if (noSourceIdentity) {
            settings = settings.withSession(settings.session().withoutSourceIdentity());
        }
        if (endpoint != null) {
            settings = settings.withEndpoint(endpoint, settings.credentials());
        }
        AwsClients clients = new AwsClients(settings);
        if (s3Endpoint != null) {
            clients.withS3(new AwsClients(settings.withEndpoint(s3Endpoint, settings.credentials())));
        }
        return clients;
    }

    String puppetAccountId(AwsClients clients) {
        if (puppetAccountId != null) {
            return puppetAccountId;
        }
        return clients.callerAccount(homeRegion());
    }

    ConfigStore configStore(AwsClients clients, String puppetAccount) {
        Path local = configFile != null ? configFile : Path.of("config.yaml");
        if (configFile != null || Files.exists(local)) {
            return new FileConfigStore(local);
        }
        return new SsmConfigStore(clients.ssm(puppetAccount, homeRegion()));
    }
}
