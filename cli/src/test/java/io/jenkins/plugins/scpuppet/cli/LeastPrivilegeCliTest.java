package io.jenkins.plugins.scpuppet.cli;

import static io.jenkins.plugins.scpuppet.cli.CliTest.DEMO;
import static io.jenkins.plugins.scpuppet.cli.CliTest.HUB;
import static io.jenkins.plugins.scpuppet.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.scpuppet.cli.CliTest.Result;
import io.jenkins.plugins.scpuppet.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Least-privilege mode end to end: bootstrap-spoke's options, and validate, plan and deploy refusing launches whose
 * portfolio has no launch-role constraint (with the launch's file:line:column), while the default mode deploys them.
 */
class LeastPrivilegeCliTest {
    @TempDir
    Path tmp;

    static Sandbox sandbox;

    @BeforeAll
    static void startSandbox() throws Exception {
        sandbox = Sandbox.forManifest(DEMO, HUB, "eu-west-1");
    }

    @AfterAll
    static void stopSandbox() throws Exception {
        sandbox.close();
    }

    private Result against(String... args) {
        return CliTest.onSandbox(sandbox, List.of("--home-region", "eu-west-1"), args);
    }

    /** "manifest.yaml:LINE:3: launches.NAME: " for the launch's key in the demo manifest. */
    private static String placeOf(String launch) throws Exception {
        List<String> lines = Files.readAllLines(DEMO);
        int line = lines.indexOf("  " + launch + ":") + 1;
        assertThat(line).as("line of %s", launch).isPositive();
        return DEMO.getFileName() + ":" + line + ":3: launches." + launch + ": ";
    }

    private static void assertRefusesTheDemosUnconstrainedLaunches(Result r) throws Exception {
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err())
                .contains(placeOf("account-baseline") + "portfolio 'demo-central-it-team-portfolio' has no"
                        + " launch-role constraint for product 'account-baseline'")
                .contains("a least-privilege PuppetRole cannot create or delete the product's resources itself")
                .contains("or use the default administrator mode (puppet_role_permissions: administrator)")
                .contains(placeOf("flow-logs") + "portfolio 'demo-networking-portfolio'")
                .contains(placeOf("legacy-bastion") + "portfolio 'demo-networking-portfolio' has no launch-role"
                        + " constraint for product 'bastion': without one, Service Catalog terminates")
                // vpc matches the spoke-local portfolio's constraint "vpc.*"
                .doesNotContain("launches.baseline-vpc");
    }

    @Test
    void shouldRefuseLaunchesWithoutALaunchRoleConstraintInValidateAndPlan() throws Exception {
        assertRefusesTheDemosUnconstrainedLaunches(cli("validate", DEMO.toString(), "--least-privilege"));
        assertRefusesTheDemosUnconstrainedLaunches(
                cli("plan", DEMO.toString(), "--least-privilege", "--cache-dir", tmp.toString()));
        assertThat(cli("validate", DEMO.toString()).exit()).isZero();
    }

    @Test
    void shouldDeployInTheDefaultModeWhatLeastPrivilegeRefuses() throws Exception {
        Result refused =
                cli("deploy", DEMO.toString(), "--sandbox", "--least-privilege", "--cache-dir", tmp.resolve("lp") + "");
        Result deployed = cli("deploy", DEMO.toString(), "--sandbox", "--cache-dir", tmp.resolve("admin") + "");

        assertRefusesTheDemosUnconstrainedLaunches(refused);
        assertThat(refused.out()).doesNotContain("EXECUTED");
        assertThat(deployed.exit()).as(deployed.err()).isZero();
        assertThat(deployed.out()).contains("EXECUTED ProvisionProductTask(").contains("launch_name=account-baseline");
    }

    @Test
    void shouldReadLeastPrivilegeFromTheConfigOnDeploy() throws Exception {
        assertThat(against("set-config-value", "puppet_role_permissions", "least-privilege")
                        .exit())
                .isZero();
        try {
            Result bad = against("set-config-value", "puppet_role_permissions", "none");
            Result refused = against("deploy", DEMO.toString(), "--cache-dir", tmp.toString(), "--no-mirror");

            assertThat(bad.exit()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(bad.err())
                    .contains("puppet_role_permissions takes administrator or least-privilege, got 'none'");
            assertRefusesTheDemosUnconstrainedLaunches(refused);
        } finally {
            against("set-config-value", "puppet_role_permissions", "administrator");
        }
    }

    @Test
    void shouldPassAManifestWhoseLaunchesAreAllConstrained() throws Exception {
        Path manifest = tmp.resolve("manifest.yaml");
        Files.writeString(manifest, """
                schema: puppet-2019-04-01
                accounts:
                  - account_id: "222222222222"
                    name: spoke
                    default_region: eu-west-1
                    regions_enabled: [eu-west-1]
                    tags: [type:spoke]
                launches:
                  vpc:
                    portfolio: networking
                    product: vpc
                    version: v1
                    deploy_to:
                      tags: [{tag: type:spoke, regions: default_region}]
                spoke-local-portfolios:
                  networking-local:
                    portfolio: networking
                    constraints:
                      launch:
                        - product: vpc
                          roles: ["arn:aws:iam::${AWS::AccountId}:role/SCLaunchRole"]
                    deploy_to:
                      tags: [{tag: type:spoke, regions: default_region}]
                """);

        Result r = cli("validate", manifest.toString(), "--least-privilege");

        assertThat(r.exit()).as(r.err()).isZero();
    }

    @Test
    void shouldBootstrapALeastPrivilegeSpokeTrustingTheGivenHubPrincipals() throws Exception {
        // The stand-in enforces the trust this writes: the sandbox's agent could not assume the hub's PuppetRole any
        // more, and the other tests of this shared sandbox read the config through it. Bootstrap the default back.
        try {
            String agent = "arn:aws:iam::" + HUB + ":role/jenkins/agent";
            Result r = against(
                    "bootstrap-spoke",
                    HUB,
                    "--least-privilege",
                    "--hub-principal",
                    agent,
                    "--hub-principal",
                    "arn:aws:iam::" + HUB + ":role/ops/*");
            Result conflict = against("bootstrap-spoke", HUB, "--least-privilege", "--with-deploy-in-spoke");
            Result badPrincipal = against("bootstrap-spoke", HUB, "--hub-principal", "jenkins-agent");
            Result otherAccount =
                    against("bootstrap-spoke", HUB, "--hub-principal", "arn:aws:iam::999999999999:role/agent");

            assertThat(r.exit()).as(r.err()).isZero();
            JsonNode role = new ObjectMapper()
                    .readTree(sandbox.standIn()
                            .cloudFormation()
                            .stacks(HUB, "eu-west-1")
                            .get("servicecatalog-puppet-spoke")
                            .template())
                    .path("Resources")
                    .path("PuppetRole")
                    .path("Properties");
            assertThat(role.has("ManagedPolicyArns")).isFalse();
            assertThat(role.path("Policies").get(0).path("PolicyName").asText()).isEqualTo("servicecatalog-puppet");
            assertThat(role.path("AssumeRolePolicyDocument").toString())
                    .contains("\"aws:PrincipalArn\":[\"" + agent + "\",\"arn:aws:iam::" + HUB + ":role/ops/*\"]");
            assertThat(conflict.exit()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(conflict.err()).contains("least privilege and deploy-in-spoke do not go together");
            assertThat(badPrincipal.exit()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(badPrincipal.err()).contains("--hub-principal jenkins-agent is not an IAM principal ARN");
            assertThat(otherAccount.exit()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(otherAccount.err())
                    .contains("arn:aws:iam::999999999999:role/agent is not in the puppet account " + HUB);
        } finally {
            against("bootstrap-spoke", HUB);
        }
    }
}
