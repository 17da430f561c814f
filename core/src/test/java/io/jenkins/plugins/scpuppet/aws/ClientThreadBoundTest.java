package io.jenkins.plugins.scpuppet.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scpuppet.standin.AwsStandIn;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * Live threads stay under a constant however many accounts, regions and services the clients cover: 500 accounts x 10
 * regions x every service. Each client makes one call, because an SDK client starts its scheduler threads when a call
 * arms its timeout, not when it is built. The calls stop just before they would be sent (the stand-in only answers
 * the AssumeRole of each account's role), so the test costs client builds, not round trips.
 */
class ClientThreadBoundTest {
    private static final int ACCOUNTS = 500;
    private static final List<String> REGIONS = List.of(
            "us-east-1",
            "us-east-2",
            "us-west-1",
            "us-west-2",
            "eu-west-1",
            "eu-west-2",
            "eu-central-1",
            "ap-southeast-1",
            "ap-northeast-1",
            "sa-east-1");
    /** Room for the shared scheduler, the HTTP pool's reaper and the stand-in's server threads. */
    private static final int SPARE_THREADS = 20;

    /** One call through each client of an account's role in a region; none needs an argument. */
    private static final List<BiConsumer<AwsClients, String[]>> EVERY_ROLE_SERVICE = List.of(
            (c, ar) -> c.serviceCatalog(ar[0], ar[1]).listPortfolios(),
            (c, ar) -> c.cloudFormation(ar[0], ar[1]).listStacks(),
            (c, ar) -> c.ssm(ar[0], ar[1]).describeParameters(),
            (c, ar) -> c.lambda(ar[0], ar[1]).listFunctions(),
            (c, ar) -> c.codeBuild(ar[0], ar[1]).listProjects(),
            (c, ar) -> c.eventBridge(ar[0], ar[1]).listEventBuses(r -> {}));
    /** The services used as the caller (the hub's cache bucket, the organization): one client per region. */
    private static final List<BiConsumer<AwsClients, String>> EVERY_CALLER_SERVICE = List.of(
            (c, region) -> c.s3(region).listBuckets(),
            (c, region) -> c.organizations(region).listAccounts());

    @Test
    void shouldKeepLiveThreadsUnderAConstantForEveryAccountRegionAndService() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        StopBeforeSending stop = new StopBeforeSending();
        try (AwsStandIn standIn = AwsStandIn.start(DemoStandIn.HUB)) {
            // The stand-in enforces IAM: each account holds a PuppetRole trusting the hub, as bootstrap-spoke makes it.
            for (int a = 0; a < ACCOUNTS; a++) {
                standIn.iam()
                        .putRole(
                                account(a),
                                "/servicecatalog-puppet/",
                                "PuppetRole",
                                HUB_TRUST,
                                java.util.Map.of(),
                                List.of("arn:aws:iam::aws:policy/AdministratorAccess"),
                                null);
            }
            int baseline = threads.getThreadCount();
            int peak = baseline;
            AwsClients clients = DemoStandIn.clients(standIn).intercept(stop);
            try {
                for (String region : REGIONS) {
                    for (BiConsumer<AwsClients, String> call : EVERY_CALLER_SERVICE) {
                        assertStopped(() -> call.accept(clients, region));
                    }
                }
                for (int a = 0; a < ACCOUNTS; a++) {
                    String account = account(a);
                    for (String region : REGIONS) {
                        for (BiConsumer<AwsClients, String[]> call : EVERY_ROLE_SERVICE) {
                            assertStopped(() -> call.accept(clients, new String[] {account, region}));
                        }
                    }
                    peak = Math.max(peak, threads.getThreadCount());
                    // Checked per account, so a per-client pool fails within the first few accounts.
                    assertThat(peak)
                            .as("live threads after %d accounts", a + 1)
                            .isLessThanOrEqualTo(baseline + SPARE_THREADS);
                }
                assertThat(stop.stopped.get())
                        .isEqualTo((long) REGIONS.size()
                                * (EVERY_CALLER_SERVICE.size() + ACCOUNTS * EVERY_ROLE_SERVICE.size()));
                assertThat(stop.assumedRoles.get())
                        .as("one AssumeRole per role: credentials are cached per role, not per client")
                        .isEqualTo(ACCOUNTS);
                assertThat(timerThreads())
                        .as("the calls armed their timeouts on the shared scheduler")
                        .isBetween(1L, (long) SharedSdkResources.TIMER_THREADS);
                assertThat(clients.cachedClients()).isLessThanOrEqualTo(AwsClients.MAX_CACHED_CLIENTS);
            } finally {
                clients.close();
            }
            assertThat(timerThreads())
                    .as("the shared scheduler's threads after close")
                    .isZero();
        }
    }

    private static String account(int a) {
        return String.format(Locale.ROOT, "%012d", 400_000_000_000L + a);
    }

    private static final String HUB_TRUST = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
            + " \"Principal\": {\"AWS\": \"arn:aws:iam::" + DemoStandIn.HUB + ":root\"},"
            + " \"Action\": [\"sts:AssumeRole\", \"sts:SetSourceIdentity\"]}]}";

    private static void assertStopped(Runnable call) {
        assertThatThrownBy(call::run).satisfies(e -> assertThat(rootCause(e)).isInstanceOf(NotSent.class));
    }

    private static Throwable rootCause(Throwable e) {
        return e.getCause() == null ? e : rootCause(e.getCause());
    }

    private static long timerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(SharedSdkResources.TIMER_THREAD_PREFIX))
                .count();
    }

    /** Lets AssumeRole through to the stand-in and stops every other call where it would be sent. */
    private static final class StopBeforeSending implements ExecutionInterceptor {
        final AtomicLong stopped = new AtomicLong();
        final AtomicLong assumedRoles = new AtomicLong();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (context.request() instanceof AssumeRoleRequest) {
                assumedRoles.incrementAndGet();
                return;
            }
            stopped.incrementAndGet();
            throw new NotSent();
        }
    }

    private static final class NotSent extends RuntimeException {
        NotSent() {
            super("stopped before sending", null, false, false);
        }
    }
}
