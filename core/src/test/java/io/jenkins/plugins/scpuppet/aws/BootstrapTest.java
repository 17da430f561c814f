package io.jenkins.plugins.scpuppet.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.scpuppet.bootstrap.Bootstrap;
import io.jenkins.plugins.scpuppet.bootstrap.BootstrapOptions;
import io.jenkins.plugins.scpuppet.bootstrap.SpokeOptions;
import io.jenkins.plugins.scpuppet.bootstrap.SpokesInOu;
import io.jenkins.plugins.scpuppet.config.ConfigKey;
import io.jenkins.plugins.scpuppet.config.PuppetConfig;
import io.jenkins.plugins.scpuppet.config.SsmConfigStore;
import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bootstrap's stacks against the stand-in (which stores templates; it does not create the resources). */
class BootstrapTest extends StandInTest {

    @Test
    void shouldCreateTheHubStackThenChangeNothingOnASecondRun() throws Exception {
        SsmConfigStore config = new SsmConfigStore(clients.ssm(HUB, "eu-west-1"));
        var first = new Bootstrap(clients).hub(HUB, "eu-west-1", BootstrapOptions.DEFAULT, config);
        var second = new Bootstrap(clients).hub(HUB, "eu-west-1", BootstrapOptions.DEFAULT, config);

        assertThat(first.path("action").asText()).isEqualTo("created");
        assertThat(second.path("action").asText()).isEqualTo("unchanged");
        assertThat(first.path("config").asText()).contains("caching off");
        assertThat(second.has("config")).isFalse();
        assertThat(PuppetConfig.load(config).flag(ConfigKey.IS_CACHING_ENABLED)).isFalse();

        JsonNode template = new ObjectMapper()
                .readTree(standIn.cloudFormation()
                        .stacks(HUB, "eu-west-1")
                        .get("servicecatalog-puppet-jenkins")
                        .template());
        JsonNode bucket = template.path("Resources").path("CachingBucket").path("Properties");
        assertThat(bucket.path("BucketName").asText()).isEqualTo("sc-puppet-caching-bucket-" + HUB + "-eu-west-1");
        assertThat(bucket.path("VersioningConfiguration").path("Status").asText())
                .isEqualTo("Enabled");
        assertThat(bucket.toString())
                .contains("\"SSEAlgorithm\":\"AES256\"")
                .contains("BucketOwnerEnforced")
                .contains("\"NoncurrentDays\":30")
                .contains("ServiceCatalogPuppet:Actor");
        assertThat(bucket.path("PublicAccessBlockConfiguration").toString())
                .isEqualTo("{\"BlockPublicAcls\":true,\"BlockPublicPolicy\":true,\"IgnorePublicAcls\":true,"
                        + "\"RestrictPublicBuckets\":true}");
        assertThat(template.path("Resources").path("CachingBucketPolicy").toString())
                .contains("\"aws:SecureTransport\":\"false\"")
                .contains("\"Effect\":\"Deny\"");
        assertThat(template.path("Resources").has("EventBus")).isFalse();
        assertThat(template.path("Resources").has("SpokeDeployBucket")).isFalse(); // only with --spoke-version
    }

    @Test
    void shouldBootstrapEverySpokeInAnOuThroughTheEngineOnce() throws Exception {
        standIn.organizations()
                .ou("ou-work-12345678", "workloads", "r-root")
                .account("222222222222", "a", "ou-work-12345678", true)
                .account("333333333333", "b", "ou-work-12345678", true)
                .account("444444444444", "c", "ou-work-12345678", false);
        AwsClients roleClients = new AwsClients(clients.settings().withRole("OrganizationAccountAccessRole"));
        try (roleClients) {
            var resolver = new OrganizationsAccountResolver(clients.organizations("eu-west-1"));
            java.util.concurrent.Callable<RunSummary> bootstrap = () -> SpokesInOu.bootstrap(
                    roleClients,
                    resolver,
                    "/workloads",
                    "OrganizationAccountAccessRole",
                    HUB,
                    "eu-west-1",
                    SpokeOptions.DEFAULT,
                    cache,
                    RunListener.NONE);
            RunSummary first = bootstrap.call();
            RunSummary second = bootstrap.call();

            assertThat(first.count(TaskStatus.EXECUTED)).isEqualTo(2);
            assertThat(second.count(TaskStatus.CACHED)).isEqualTo(2);
        }
        for (String spoke : new String[] {"222222222222", "333333333333"}) {
            String template = standIn.cloudFormation()
                    .stacks(spoke, "eu-west-1")
                    .get("servicecatalog-puppet-spoke")
                    .template();
            assertThat(template)
                    .contains("arn:${AWS::Partition}:iam::" + HUB + ":root")
                    .contains("arn:${AWS::Partition}:iam::" + HUB + ":role/servicecatalog-puppet/*")
                    .contains("\"Path\":\"/servicecatalog-puppet/\"")
                    .contains("arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess");
        }
        assertThat(standIn.cloudFormation().stacks("444444444444", "eu-west-1")).isEmpty();
    }

    @Test
    void shouldAddWhatExecutionSpokeNeedsOnlyWhenAsked() throws Exception {
        SsmConfigStore config = new SsmConfigStore(clients.ssm(HUB, "eu-west-1"));
        new Bootstrap(clients).hub(HUB, "eu-west-1", BootstrapOptions.DEFAULT.withSpokeVersion("0.84.0"), config);
        new Bootstrap(clients).spoke(HUB, "eu-west-1", new SpokeOptions(false, null, List.of(), true));

        ObjectMapper json = new ObjectMapper();
        JsonNode hub = json.readTree(standIn.cloudFormation()
                .stacks(HUB, "eu-west-1")
                .get("servicecatalog-puppet-jenkins")
                .template());
        JsonNode spokeBucket = hub.path("Resources").path("SpokeDeployBucket").path("Properties");
        assertThat(spokeBucket.path("BucketName").asText()).isEqualTo(SpokeDeploy.bucket(HUB));
        assertThat(spokeBucket.toString()).contains("BucketOwnerEnforced").contains("\"ExpirationInDays\":2");
        assertThat(hub.path("Resources").path("SpokeDeployBucketPolicy").toString())
                .contains("\"aws:SecureTransport\":\"false\"");
        assertThat(hub.path("Resources")
                        .path("SpokeVersionParameter")
                        .path("Properties")
                        .toString())
                .contains(SpokeDeploy.VERSION_PARAMETER)
                .contains("0.84.0");

        JsonNode spoke = json.readTree(standIn.cloudFormation()
                .stacks(HUB, "eu-west-1")
                .get("servicecatalog-puppet-spoke")
                .template());
        JsonNode project = spoke.path("Resources").path("DeployInSpokeProject").path("Properties");
        assertThat(project.path("Name").asText()).isEqualTo(SpokeDeploy.PROJECT);
        assertThat(project.path("Source").path("BuildSpec").asText())
                .contains("curl --fail")
                .contains("--execution-mode spoke")
                .contains("aws-service-catalog-puppet==${VERSION}");
        JsonNode role = spoke.path("Resources").path("DeployInSpokeRole").path("Properties");
        // Least privilege: assume this account's PuppetRole and write its own logs, nothing else.
        assertThat(role.path("Policies").get(0).path("PolicyDocument").path("Statement"))
                .extracting(st -> st.path("Sid").asText())
                .containsExactly("AssumeThisAccountsPuppetRole", "OwnBuildLogs");
        JsonNode trust = spoke.path("Resources")
                .path("PuppetRole")
                .path("Properties")
                .path("AssumeRolePolicyDocument")
                .path("Statement");
        assertThat(trust).extracting(st -> st.path("Sid").asText()).containsExactly("HubPrincipals", "DeployInSpoke");
        assertThat(trust.get(1).path("Principal").toString()).contains("DeployInSpokeRole");
    }
}
