package io.jenkins.plugins.scpuppet.sandbox;

import static io.jenkins.plugins.scpuppet.sandbox.SandboxDeploys.HOME;
import static io.jenkins.plugins.scpuppet.sandbox.SandboxDeploys.HUB;
import static io.jenkins.plugins.scpuppet.sandbox.SandboxDeploys.deploy;
import static io.jenkins.plugins.scpuppet.sandbox.SandboxDeploys.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.bootstrap.Bootstrap;
import io.jenkins.plugins.scpuppet.bootstrap.SpokeOptions;
import io.jenkins.plugins.scpuppet.engine.RunOutcome;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskOutcome;
import io.jenkins.plugins.scpuppet.standin.Iam;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo deploy against PuppetRoles bootstrap made with a permission boundary, with an explicit deny added, and
 * trusting other hub principals: each denial fails exactly the tasks that need the refused call, with AWS's message.
 */
class SandboxPolicyTest {
    private static final String SPOKE = "222222222222";

    @TempDir
    Path cache;

    /** bootstrap-spoke run again in an account, by that account's own caller, with other options. */
    private static void rebootstrap(Sandbox box, String account, SpokeOptions options) throws Exception {
        try (AwsClients admin = new AwsClients(
                SpokeBootstraps.callerSettings(box.clients().settings(), Sandbox.ACCESS_KEY_PREFIX, account))) {
            new Bootstrap(admin).spoke(HUB, HOME, options);
        }
    }

    private static List<TaskOutcome> failed(RunSummary run) {
        return run.tasks().stream().filter(SandboxDeploys::failed).toList();
    }

    @Test
    void shouldCapThePuppetRoleWithThePermissionBoundaryBootstrapSets() throws Exception {
        try (Sandbox box = Sandbox.forManifest(manifest("demo"), HUB, HOME)) {
            String boundary = "arn:aws:iam::" + HUB + ":policy/puppet-boundary";
            box.iam()
                    .putManagedPolicy(
                            boundary,
                            "{\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":\"lambda:InvokeFunction\","
                                    + "\"Resource\":\"*\"}]}");
            rebootstrap(box, HUB, new SpokeOptions(false, boundary, List.of(), false));

            RunSummary run = deploy(box, manifest("demo"), cache);

            assertThat(run.outcome()).isEqualTo(RunOutcome.TASK_FAILURES);
            assertThat(failed(run)).isNotEmpty().allSatisfy(t -> {
                assertThat(t.key().family()).isEqualTo("InvokeLambdaTask");
                assertThat(t.errorCode()).isEqualTo("AccessDeniedException");
                assertThat(t.errorMessage())
                        .contains("is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:"
                                + HOME + ":" + HUB + ":function:inventory-notifier")
                        .endsWith("because no permissions boundary allows the lambda:InvokeFunction action");
            });
        }
    }

    @Test
    void shouldLetAnExplicitDenyWinOverAdministratorAccess() throws Exception {
        try (Sandbox box = Sandbox.forManifest(manifest("demo"), HUB, HOME)) {
            box.iam()
                    .setRolePolicies(
                            SPOKE,
                            "PuppetRole",
                            Map.of(
                                    "no-provisioning",
                                    "{\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"servicecatalog:Provision*\","
                                            + "\"Resource\":\"*\"}]}"),
                            List.of(Iam.ADMINISTRATOR_ACCESS));

            RunSummary run = deploy(box, manifest("demo"), cache);

            assertThat(failed(run)).isNotEmpty().allSatisfy(t -> {
                assertThat(t.key().parameters()).containsEntry("account_id", SPOKE);
                assertThat(t.errorMessage())
                        .contains("arn:aws:sts::" + SPOKE + ":assumed-role/PuppetRole/")
                        .contains("is not authorized to perform: servicecatalog:ProvisionProduct on resource:"
                                + " arn:aws:catalog:")
                        .endsWith("with an explicit deny in an identity-based policy");
            });
            assertThat(box.standIn().serviceCatalog().provisioned("333333333333", "eu-west-2"))
                    .isNotEmpty();
        }
    }

    @Test
    void shouldRefuseTheAgentWhenTheSpokeTrustsOtherHubPrincipals() throws Exception {
        try (Sandbox box = Sandbox.forManifest(manifest("demo"), HUB, HOME)) {
            rebootstrap(
                    box,
                    SPOKE,
                    new SpokeOptions(false, null, List.of("arn:aws:iam::" + HUB + ":role/ci/release-runner"), false));

            RunSummary run = deploy(box, manifest("demo"), cache);

            assertThat(failed(run))
                    .isNotEmpty()
                    .allSatisfy(t -> assertThat(t.errorMessage())
                            .contains("User: arn:aws:sts::" + HUB + ":assumed-role/jenkins-agent/sandbox is not"
                                    + " authorized to perform: sts:AssumeRole on resource: arn:aws:iam::" + SPOKE
                                    + ":role/servicecatalog-puppet/PuppetRole"));
        }
    }
}
