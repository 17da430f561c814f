package io.jenkins.plugins.scpuppet.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.jenkins.plugins.scpuppet.standin.IamDecision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step's AWS settings honoured on the agent, against the stand-in: a named profile from a config and a credentials
 * file (withAWS(profile:) or AWS_PROFILE), its region, AWS_ENDPOINT_URL, and the precedence keys > profile > the
 * agent's default chain.
 */
class AgentProfileTest {
    /** The hub's home region here is not the plugin's fallback (eu-west-1): only the profile can give it. */
    private static final String PROFILE_REGION = "eu-west-2";
    private static final String PROFILE_KEY = "AKIAPROFILE" + StandInFixture.HUB;
    private static final String PROFILE_SECRET = "profile-secret-0123456789";
    /** Who the stand-in says the profile's key is: a hub role under /servicecatalog-puppet/ (PuppetRole trusts it). */
    private static final String PROFILE_PRINCIPAL =
            "arn:aws:iam::" + StandInFixture.HUB + ":role/servicecatalog-puppet/jenkins-profile";

    private static StandInFixture aws;

    @TempDir
    Path workspace;

    @TempDir
    Path home;

    @BeforeAll
    static void startTheStandIn() throws Exception {
        aws = StandInFixture.demo(PROFILE_REGION);
        aws.standIn().iam().callerPrincipal(PROFILE_KEY, PROFILE_PRINCIPAL);
    }

    @AfterAll
    static void stopTheStandIn() {
        aws.close();
    }

    /** ~/.aws as the AWS CLI writes it: the region in config ([profile NAME]), the keys in credentials ([NAME]). */
    private Map<String, String> profileEnv(String profile) throws Exception {
        Path config = Files.writeString(home.resolve("config"), "[default]\nregion = us-east-1\n\n[profile puppet-ci]\n"
                + "region = " + PROFILE_REGION + "\n");
        Path credentials = Files.writeString(home.resolve("credentials"), "[puppet-ci]\naws_access_key_id = "
                + PROFILE_KEY + "\naws_secret_access_key = " + PROFILE_SECRET + "\n");
        Map<String, String> env = new HashMap<>();
        env.put("AWS_PROFILE", profile);
        env.put("AWS_CONFIG_FILE", config.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
        env.put("AWS_ENDPOINT_URL", aws.endpoint());
        return env;
    }

    private DeployCallable deploy(String manifest, Map<String, String> env, TestListener log) {
        return new DeployCallable(new DeploySettings(manifest, 4, ".puppet-cache", false, false, null, null),
                AgentAws.from(env, "folder/deploy#3"), log, "folder/deploy#3");
    }

    @Test
    void shouldDeploySignedWithTheNamedProfilesKeyInItsRegion() throws Exception {
        Files.copy(StandInFixture.DEMO, workspace.resolve("manifest.yaml"));
        TestListener log = new TestListener();

        DeployOutcome outcome = deploy("manifest.yaml", profileEnv("puppet-ci"), log).invoke(workspace.toFile(), null);

        assertThat(outcome.exitStatus()).as(outcome.summaryLine()).isZero();
        assertThat(outcome.executed()).isPositive();
        assertThat(log.log())
                .contains("[puppet] AWS credentials from profile puppet-ci in " + home.resolve("config") + ", "
                        + home.resolve("credentials") + "; home region " + PROFILE_REGION
                        + " (from the profile); endpoint " + aws.endpoint())
                .doesNotContain(PROFILE_SECRET);
        // Every PuppetRole the run assumed was assumed with the profile's key, in the profile's region.
        assertThat(aws.standIn().iam().decisions())
                .filteredOn(d -> d.kind().equals("trust") && d.action().equals("sts:AssumeRole"))
                .isNotEmpty()
                .allSatisfy(d -> {
                    assertThat(d.principalArn()).isEqualTo(PROFILE_PRINCIPAL);
                    assertThat(d.standInDecision()).isEqualTo("Allow");
                })
                .extracting(IamDecision::region)
                .containsOnly(PROFILE_REGION);
    }

    @Test
    void shouldFailNamingAMissingProfileAndTheFilesRead() throws Exception {
        Map<String, String> env = profileEnv("nope");
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("absent").toString());
        TestListener log = new TestListener();

        assertThatThrownBy(() -> deploy("manifest.yaml", env, log).invoke(workspace.toFile(), null))
                .isExactlyInstanceOf(AbortException.class)
                .hasNoCause()
                .hasMessage("AWS profile 'nope' (from AWS_PROFILE) not found in " + home.resolve("config") + ", "
                        + home.resolve("absent") + " (missing)");
    }

    @Test
    void shouldPreferKeysInTheEnvironmentOverAProfile() throws Exception {
        Map<String, String> env = profileEnv("nope"); // not even read: keys come first, as in pipeline-aws
        env.putAll(aws.env());
        TestListener log = new TestListener();

        assertThatThrownBy(() -> deploy("missing.yaml", env, log).invoke(workspace.toFile(), null))
                .hasMessageStartingWith("manifest not found: missing.yaml");
        assertThat(log.log()).contains("[puppet] AWS credentials from environment keys; home region "
                + PROFILE_REGION + " (from AWS_REGION); endpoint " + aws.endpoint());
    }

    @Test
    void shouldSayTheAgentsDefaultChainIsUsedWithoutAnyAwsVariable() {
        TestListener log = new TestListener();

        assertThatThrownBy(() -> deploy("missing.yaml", Map.of("PATH", "/usr/bin"), log)
                        .invoke(workspace.toFile(), null))
                .hasMessageStartingWith("manifest not found: missing.yaml");
        assertThat(log.log()).startsWith("[puppet] AWS credentials from the agent's default chain; home region ")
                .doesNotContain("endpoint");
    }

    @Test
    void shouldSendS3ToItsOwnEndpointAndRefuseAnEndpointThatIsNotAUrl() throws Exception {
        Map<String, String> env = new HashMap<>(aws.env());
        env.put("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9/");
        TestListener log = new TestListener();
        Map<String, String> bad = new HashMap<>(aws.env());
        bad.put("AWS_ENDPOINT_URL", "localhost:4566");

        assertThatThrownBy(() -> deploy("missing.yaml", env, log).invoke(workspace.toFile(), null))
                .hasMessageStartingWith("manifest not found");
        assertThat(log.log()).contains("; endpoint " + aws.endpoint() + "; S3 endpoint http://127.0.0.1:9/");
        assertThatThrownBy(() -> deploy("missing.yaml", bad, new TestListener()).invoke(workspace.toFile(), null))
                .isExactlyInstanceOf(AbortException.class)
                .hasMessageStartingWith("AWS endpoint 'localhost:4566' is not an http(s) URL");
    }
}
