package io.jenkins.plugins.scpuppet.cli;

import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.aws.SpokeDeploy;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * {@code puppet version}: the CLI's version and the version parameters in the puppet account's home region, in
 * upstream's words. Upstream fails when a parameter is missing; this says which one is missing and exits 0.
 */
@Command(
        name = "version",
        description = "Print the CLI version and the service-catalog-puppet-regional-version and"
                + " service-catalog-puppet-version parameters.")
final class VersionCommand implements Callable<Integer> {
    static final String REGIONAL_VERSION_PARAMETER = "service-catalog-puppet-regional-version";

    @Mixin
    AwsOptions aws = new AwsOptions();

    @Override
    public Integer call() {
        System.out.println("cli version: " + PuppetCli.VERSION);
        try (AwsClients clients = aws.clients()) {
            String region = aws.homeRegion();
            SsmClient ssm = clients.ssm(null, region); // as upstream: the caller's own credentials
            Parameter regional = find(ssm, REGIONAL_VERSION_PARAMETER);
            System.out.println(
                    regional == null
                            ? "regional stack version: none for region: " + region + " (no parameter "
                                    + REGIONAL_VERSION_PARAMETER + "; this project keeps no regional stack)"
                            : "regional stack version: " + regional.value() + " for region: "
                                    + regionOf(regional, region));
            Parameter stack = find(ssm, SpokeDeploy.VERSION_PARAMETER);
            System.out.println(
                    stack == null
                            ? "stack version: none (no parameter " + SpokeDeploy.VERSION_PARAMETER
                                    + "; bootstrap --spoke-version VERSION writes it)"
                            : "stack version: " + stack.value());
        }
        return ExitCodes.OK;
    }

    private static Parameter find(SsmClient ssm, String name) {
        try {
            return ssm.getParameter(r -> r.name(name)).parameter();
        } catch (ParameterNotFoundException e) {
            return null;
        }
    }

    /** Upstream takes the region from the parameter's ARN (arn:aws:ssm:REGION:...). */
    private static String regionOf(Parameter p, String asked) {
        String[] arn = p.arn() == null ? new String[0] : p.arn().split(":");
        return arn.length > 3 && !arn[3].isEmpty() ? arn[3] : asked;
    }
}
