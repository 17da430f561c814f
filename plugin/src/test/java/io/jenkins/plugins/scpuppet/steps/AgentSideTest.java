package io.jenkins.plugins.scpuppet.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scpuppet.bootstrap.BootstrapOptions;
import io.jenkins.plugins.scpuppet.bootstrap.SpokeOptions;
import io.jenkins.plugins.scpuppet.sandbox.StandInSeeder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What runs on the agent, without Jenkins: the callables against the AWS stand-in, their serialized form, the log. */
class AgentSideTest {
    private static StandInFixture aws;

    @TempDir
    Path workspace;

    private static final Map<String, String> ENV = Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLEKEY1234",
            "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AWS_SESSION_TOKEN",
            "FwoGZXIvYXdzEXAMPLETOKEN", "AWS_REGION", "eu-west-1", "PATH", "/usr/bin", "SECRET_OTHER", "x");

    @BeforeAll
    static void startTheStandIn() throws Exception {
        aws = StandInFixture.demo("eu-west-1");
    }

    @AfterAll
    static void stopTheStandIn() {
        aws.close();
    }

    /** The stand-in's environment plus a session token, which must never reach the log. */
    private static Map<String, String> standInEnv() {
        Map<String, String> env = new HashMap<>(aws.env());
        env.put("AWS_SESSION_TOKEN", "FwoGZXIvYXdzSTANDINTOKEN");
        return env;
    }

    @Test
    void shouldDeployTheDemoOnTheAgentSideTwiceWithTheSecondCached() throws Exception {
        Files.copy(StandInFixture.DEMO, workspace.resolve("manifest.yaml"));
        DeploySettings settings = new DeploySettings("manifest.yaml", 4, ".puppet-cache", false, false, null, null);
        TestListener log = new TestListener();

        DeployOutcome first = new DeployCallable(settings, AgentAws.from(standInEnv()), log, "job#1")
                .invoke(workspace.toFile(), null);
        DeployOutcome second = new DeployCallable(settings, AgentAws.from(standInEnv()), log, "job#2")
                .invoke(workspace.toFile(), null);

        assertThat(first.exitStatus()).as(first.summaryLine()).isZero();
        assertThat(first.cacheSaved()).as("mirror: false saves nothing to S3").isFalse();
        assertThat(first.cacheSaveWarning()).isNull();
        assertThat(first.executed()).isPositive();
        assertThat(first.cached()).isZero();
        assertThat(second.exitStatus()).isZero();
        assertThat(second.cached()).isPositive();
        // Every cacheable task comes from the workspace cache, with no mirror (the ITest's build card says 1.0).
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(second.reportJson())
                        .path("totals")
                        .path("cacheHitRate")
                        .asDouble())
                .isEqualTo(1.0);
        assertThat(second.reportJson()).contains("\"schema\" : \"scpuppet-run-report/1\"");
        assertThat(Files.exists(workspace.resolve(".puppet-cache/junit.xml"))).isTrue();
        assertThat(log.log()).contains("[puppet] AWS credentials from environment keys; home region eu-west-1 (from"
                        + " AWS_REGION); endpoint " + aws.endpoint())
                .contains("[puppet] EXECUTED ").contains("[puppet] CACHED ")
                .doesNotContain(StandInSeeder.SECRET_KEY).doesNotContain("FwoGZXIvYXdz");
    }

    @Test
    void shouldFailCleanlyOnABadManifestOrAPathOutsideTheWorkspace() throws Exception {
        Files.writeString(workspace.resolve("bad.yaml"), "schema: puppet-2019-04-01\nlaunches: {x: {portfolio: p}}\n");
        DeploySettings bad = new DeploySettings("bad.yaml", 2, ".puppet-cache", false, false, "eu-west-1", null);
        DeploySettings escape = new DeploySettings("../outside.yaml", 2, ".puppet-cache", false, false, "eu-west-1",
                null);

        assertThatThrownBy(() -> new DeployCallable(bad, AgentAws.from(aws.env()), new TestListener(), "j").invoke(
                        workspace.toFile(), null))
                .isExactlyInstanceOf(hudson.AbortException.class)
                .hasNoCause()
                .hasMessageContaining("bad.yaml:2:12: launches.x: missing required key 'product'");
        assertThatThrownBy(() -> new DeployCallable(escape, AgentAws.from(aws.env()), new TestListener(), "j").invoke(
                        workspace.toFile(), null))
                .hasMessage("manifest '../outside.yaml' is outside the workspace; give a path inside it");
    }

    @Test
    void shouldSerializeTheCallableWithOnlyTheAwsVariables() throws Exception {
        DeployCallable callable = new DeployCallable(new DeploySettings("m.yaml", 3, "c", true, false, null,
                null), AgentAws.from(ENV), new TestListener(), "job#3");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(callable);
        }
        Object back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = in.readObject();
        }
        String serialized = new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1);

        assertThat(back).isInstanceOf(DeployCallable.class);
        assertThat(serialized).doesNotContain("/usr/bin").doesNotContain("SECRET_OTHER");
        assertThat(AgentAws.from(ENV).toString()).isEqualTo(
                "AgentAws[AWS_ACCESS_KEY_ID, AWS_REGION, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN]");
    }

    /** Role sessions name the build (<job>-<build>, as STS accepts it); without a build the deploy names its run. */
    @Test
    void shouldNameRoleSessionsAfterTheBuild() {
        assertThat(AgentAws.from(ENV, "platform/deploy hub#12").session().name()).isEqualTo("platform-deploy-hub-12");
        assertThat(AgentAws.from(ENV, "platform/deploy hub#12").session().sourceIdentity())
                .isEqualTo("platform-deploy-hub-12");
        assertThat(AgentAws.from(ENV).session()).isNull();
    }

    /** Remoting serializes whatever FilePath.act sends to an agent: every step's callable must survive it. */
    @Test
    void shouldSerializeEveryCallableTheStepsSendToAnAgent() throws Exception {
        AgentAws agentAws = AgentAws.from(ENV);
        BootstrapCallable bootstrap = new BootstrapCallable("eu-west-1", new BootstrapOptions(30, null, true, "0.84.0", List.of("arn:aws:iam::111111111111:role/jenkins/*")),
                new SpokeOptions(true, "arn:aws:iam::111111111111:policy/b", List.of(), false), agentAws,
                new TestListener());
        List<Object> callables = List.of(
                bootstrap,
                new PurgeCallable("Task(a=1)", true, true, false, "eu-west-1", agentAws, new TestListener()),
                new SetConfigCallable("is_caching_enabled", "True", "eu-west-1", agentAws, new TestListener()));

        for (Object callable : callables) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(callable);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                assertThat(in.readObject()).isInstanceOf(callable.getClass());
            }
            assertThat(new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1)).doesNotContain("SECRET_OTHER");
        }
        assertThat(bootstrap.options()).isEqualTo(new BootstrapOptions(30, null, true, "0.84.0", List.of("arn:aws:iam::111111111111:role/jenkins/*")));
        assertThat(bootstrap.puppetRole()).isEqualTo(
                new SpokeOptions(true, "arn:aws:iam::111111111111:policy/b", List.of(), false));
    }

    @Test
    void shouldMaskCredentialValuesInTheBuildLog() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BuildLog log = AgentAws.from(ENV).log(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        log.line("assume failed for AKIAEXAMPLEKEY1234 with token FwoGZXIvYXdzEXAMPLETOKEN in eu-west-1");

        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("[puppet] assume failed for **** with token **** in eu-west-1" + System.lineSeparator());
        assertThat(AgentAws.from(ENV).secrets()).hasSize(3).doesNotContain("eu-west-1");
    }
}
