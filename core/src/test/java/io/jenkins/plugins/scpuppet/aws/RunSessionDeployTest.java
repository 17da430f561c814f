package io.jenkins.plugins.scpuppet.aws;

import static io.jenkins.plugins.scpuppet.engine.Runs.failures;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scpuppet.config.FileConfigStore;
import io.jenkins.plugins.scpuppet.deploy.DeployRequest;
import io.jenkins.plugins.scpuppet.deploy.DeployResult;
import io.jenkins.plugins.scpuppet.deploy.Deployment;
import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.RunOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * A deploy of the demo names its role sessions after its run (or the build the request names) and reads
 * aws_sts_regional_endpoints from the config at its start.
 */
class RunSessionDeployTest extends StandInTest {
    private static final Path DEMO = Path.of("..", "test-resources", "manifests", "demo", "manifest.yaml");
    private final List<AssumeRoleRequest> sent = new CopyOnWriteArrayList<>();
    private final List<String> scopes = new CopyOnWriteArrayList<>();

    @Test
    void shouldNameEverySessionOfADeployAfterItsRunThroughTheHomeRegion() throws Exception {
        DeployResult result = deploy("", null);

        assertThat(result.summary().outcome()).as(failures(result.summary())).isEqualTo(RunOutcome.SUCCESS);
        String expected = "puppet-" + result.summary().runId();
        assertThat(sent).as("one AssumeRole per account's role").hasSize(3);
        assertThat(sent)
                .allMatch(r -> r.roleSessionName().equals(expected)
                        && r.sourceIdentity().equals(expected));
        assertThat(scopes).allMatch(s -> s.contains("/eu-west-1/sts/aws4_request"));
    }

    @Test
    void shouldNameSessionsAfterTheBuildAndUseTheGlobalEndpointWhenTheConfigSaysLegacy() throws Exception {
        DeployResult result = deploy("aws_sts_regional_endpoints: legacy\n", RoleSession.forBuild("infra/deploy", "7"));

        assertThat(result.summary().outcome()).as(failures(result.summary())).isEqualTo(RunOutcome.SUCCESS);
        assertThat(sent).hasSize(3).allMatch(r -> r.roleSessionName().equals("infra-deploy-7"));
        assertThat(scopes).allMatch(s -> s.contains("/us-east-1/sts/aws4_request"));
    }

    private DeployResult deploy(String extraConfig, RoleSession session) throws Exception {
        Path config = cache.resolve("config.yaml");
        Files.writeString(config, "regions: [eu-west-1, eu-west-2]\n" + extraConfig);
        clients.intercept(new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission c, ExecutionAttributes a) {
                if (c.request() instanceof AssumeRoleRequest r) {
                    sent.add(r);
                    scopes.add(
                            c.httpRequest().firstMatchingHeader("Authorization").orElse("unsigned"));
                }
            }
        });
        Path work = Files.createDirectories(cache.resolve("work"));
        return new Deployment(clients, new FileConfigStore(config), line -> {})
                .deploy(
                        new DeployRequest(
                                DEMO,
                                HUB,
                                "eu-west-1",
                                work,
                                work,
                                4,
                                false,
                                false,
                                "test",
                                io.jenkins.plugins.scpuppet.engine.RunRetention.DEFAULT_KEEP,
                                session),
                        RunListener.NONE);
    }
}
