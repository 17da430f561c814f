package io.jenkins.plugins.scpuppet.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scpuppet.standin.AwsStandIn;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Roles are assumed through STS in the home region, or the global endpoint when configured, in sessions named after the
 * run with the same SourceIdentity. What was sent is read where the SDK signs it; what STS made of it, from the
 * stand-in's answer.
 */
class RoleSessionStsTest {
    private static final String SPOKE = "222222222222";
    private static final RoleSession RUN = RoleSession.forRun("0f8fad5b-d9cb-469f-a165-70867728950e");

    @Test
    void shouldAssumeRolesThroughStsInTheHomeRegionNamingTheRun() throws Exception {
        AssumeRoles seen = new AssumeRoles();
        try (AwsStandIn standIn = standInWithSpoke();
                AwsClients clients = homeIn(standIn, "eu-west-2").intercept(seen);
                AwsClients run = clients.forRun(RUN, StsEndpoints.REGIONAL)) {
            run.ssm(SPOKE, "eu-west-1")
                    .putParameter(r -> r.name("/x").value("1").type("String"));
            run.ssm(SPOKE, "us-east-1")
                    .putParameter(r -> r.name("/x").value("1").type("String"));
        }

        assertThat(seen.scopes)
                .as("one AssumeRole per role, whatever the regions of the calls")
                .hasSize(1);
        assertThat(seen.scopes.get(0)).contains("/eu-west-2/sts/aws4_request");
        AssumeRoleRequest sent = seen.requests.get(0);
        assertThat(sent.roleArn()).isEqualTo("arn:aws:iam::" + SPOKE + ":role/servicecatalog-puppet/PuppetRole");
        assertThat(sent.roleSessionName()).isEqualTo(RUN.name());
        assertThat(sent.sourceIdentity()).isEqualTo(RUN.name());
        AssumeRoleResponse answered = seen.responses.get(0);
        assertThat(answered.assumedRoleUser().arn()).endsWith("/PuppetRole/" + RUN.name());
        assertThat(answered.sourceIdentity()).isEqualTo(RUN.name());
    }

    @Test
    void shouldUseTheGlobalEndpointWhenTheRunOrTheSettingsSayLegacy() throws Exception {
        AssumeRoles seen = new AssumeRoles();
        try (AwsStandIn standIn = standInWithSpoke();
                AwsClients byConfig = homeIn(standIn, "eu-west-2").intercept(seen);
                AwsClients byOption =
                        new AwsClients(byConfig.settings().withStsEndpoints(StsEndpoints.LEGACY)).intercept(seen)) {
            try (AwsClients run = byConfig.forRun(RUN, StsEndpoints.LEGACY)) {
                run.ssm(SPOKE, "eu-west-1")
                        .putParameter(r -> r.name("/x").value("1").type("String"));
            }
            try (AwsClients run = byOption.forRun(RUN, StsEndpoints.REGIONAL)) {
                run.ssm(SPOKE, "eu-west-1")
                        .putParameter(r -> r.name("/y").value("1").type("String"));
            }
        }

        assertThat(seen.scopes).hasSize(2).allMatch(s -> s.contains("/us-east-1/sts/aws4_request"));
    }

    @Test
    void shouldSendNoSourceIdentityWhenTheSettingsSendNone() throws Exception {
        AssumeRoles seen = new AssumeRoles();
        try (AwsStandIn standIn = standInWithSpoke();
                AwsClients clients = new AwsClients(homeIn(standIn, "eu-west-1")
                                .settings()
                                .withSession(AwsSettings.DEFAULT_SESSION.withoutSourceIdentity()))
                        .intercept(seen);
                AwsClients run = clients.forRun(RUN, StsEndpoints.REGIONAL)) {
            run.ssm(SPOKE, "eu-west-1")
                    .putParameter(r -> r.name("/x").value("1").type("String"));
        }

        assertThat(seen.requests.get(0).roleSessionName()).isEqualTo(RUN.name());
        assertThat(seen.requests.get(0).sourceIdentity()).isNull();
        assertThat(seen.responses.get(0).sourceIdentity()).isNull();
    }

    /**
     * Closing an SDK client closes the credentials provider it was given (SDK 2.40.2), so a run must not close the
     * clients that act as the caller: the next run, or the next Jenkins build on the same sandbox, still needs them.
     */
    @Test
    void shouldLeaveTheCallersCredentialsOpenWhenARunEnds() throws Exception {
        ClosingProbe caller = new ClosingProbe();
        try (AwsStandIn standIn = standInWithSpoke()) {
            AwsClients clients =
                    new AwsClients(homeIn(standIn, "eu-west-1").settings().withEndpoint(standIn.endpoint(), caller));
            try (AwsClients run = clients.forRun(RUN, StsEndpoints.REGIONAL)) {
                run.ssm(SPOKE, "eu-west-1")
                        .putParameter(r -> r.name("/x").value("1").type("String"));
                run.organizations("eu-west-1");
                run.s3("eu-west-1");
            }
            assertThat(caller.closed).as("closed by the run").isFalse();
            assertThat(clients.callerAccount("eu-west-1")).isEqualTo(DemoStandIn.HUB);
            clients.close();
            assertThat(caller.closed).as("closed with the clients that own it").isTrue();
        }
    }

    /** Against real AWS (nothing is sent: the request is stopped where it would leave), the hosts STS answers on. */
    @Test
    void shouldPickTheRegionalHostAndTheGlobalOneOnlyForLegacyRegions() {
        assertThat(stsHost("eu-west-2", StsEndpoints.REGIONAL)).isEqualTo("sts.eu-west-2.amazonaws.com");
        assertThat(stsHost("eu-west-2", StsEndpoints.LEGACY)).isEqualTo("sts.amazonaws.com");
        // Opt-in regions and other partitions have no legacy global endpoint.
        assertThat(stsHost("af-south-1", StsEndpoints.LEGACY)).isEqualTo("sts.af-south-1.amazonaws.com");
        assertThat(stsHost("cn-north-1", StsEndpoints.LEGACY)).isEqualTo("sts.cn-north-1.amazonaws.com.cn");
    }

    @Test
    void shouldRefuseToAssumeARoleWithoutAHomeRegion() {
        try (AwsClients clients = new AwsClients(AwsSettings.defaults()
                .withEndpoint(null, StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAX", "s"))))) {
            assertThatThrownBy(() -> clients.ssm(SPOKE, "eu-west-1")).hasMessageContaining("no home region");
        }
    }

    private static String stsHost(String home, StsEndpoints endpoints) {
        List<String> hosts = new CopyOnWriteArrayList<>();
        AwsSettings settings = AwsSettings.defaults()
                .withEndpoint(null, StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAX", "s")))
                .withHomeRegion(home)
                .withStsEndpoints(endpoints);
        try (AwsClients clients = new AwsClients(settings).intercept(new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission c, ExecutionAttributes a) {
                hosts.add(c.httpRequest().host());
                throw new IllegalStateException("not sent");
            }
        })) {
            assertThatThrownBy(() -> clients.ssm(SPOKE, home).putParameter(r -> r.name("/x")))
                    .hasStackTraceContaining("not sent");
        }
        assertThat(hosts).hasSize(1);
        return hosts.get(0);
    }

    private static AwsClients homeIn(AwsStandIn standIn, String home) {
        try (AwsClients demo = DemoStandIn.clients(standIn)) {
            return new AwsClients(demo.settings().withHomeRegion(home));
        }
    }

    /** The caller's static sandbox credentials, saying whether they were closed. */
    private static final class ClosingProbe implements AwsCredentialsProvider, SdkAutoCloseable {
        volatile boolean closed;

        @Override
        public AwsCredentials resolveCredentials() {
            return AwsBasicCredentials.create(DemoStandIn.ACCESS_KEY, DemoStandIn.SECRET);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** The AssumeRole calls: their signed scope, the request as sent, the stand-in's answer. */
    private static final class AssumeRoles implements ExecutionInterceptor {
        final List<String> scopes = new CopyOnWriteArrayList<>();
        final List<AssumeRoleRequest> requests = new CopyOnWriteArrayList<>();
        final List<AssumeRoleResponse> responses = new CopyOnWriteArrayList<>();

        @Override
        public void beforeTransmission(Context.BeforeTransmission c, ExecutionAttributes a) {
            if (c.request() instanceof AssumeRoleRequest r) {
                requests.add(r);
                scopes.add(c.httpRequest().firstMatchingHeader("Authorization").orElse("unsigned"));
            }
        }

        @Override
        public void afterExecution(Context.AfterExecution c, ExecutionAttributes a) {
            if (c.response() instanceof AssumeRoleResponse r) {
                responses.add(r);
            }
        }
    }

    /** The stand-in enforces IAM: the spoke's PuppetRole exists as bootstrap-spoke makes it, trusting the hub. */
    private static AwsStandIn standInWithSpoke() throws Exception {
        AwsStandIn standIn = AwsStandIn.start(DemoStandIn.HUB);
        DemoStandIn.bootstrapSpokes(standIn, List.of(SPOKE));
        return standIn;
    }
}
