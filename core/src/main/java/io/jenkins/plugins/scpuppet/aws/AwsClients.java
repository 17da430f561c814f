package io.jenkins.plugins.scpuppet.aws;

import io.jenkins.plugins.scpuppet.engine.CurrentTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointProvider;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.servicecatalog.ServiceCatalogClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * One long-lived SDK client per service, region and role (bounded, see {@link ClientCache}), all sharing one HTTP
 * connection pool and one scheduler ({@link SharedSdkResources}), so threads and sockets stay constant whatever the
 * number of accounts. Calls into an account run as its PuppetRole, assumed through the SDK's refreshing provider
 * (cached per role ARN, renewed before expiry). Every client uses the standard retry strategy with bounded attempts
 * and jittered backoff (S3 with more attempts for throttling and no retry token bucket), explicit timeouts and a
 * user-agent suffix naming this project; calls other than S3's are paced per (account, region, service) ({@link
 * CallPacer}). Counts SDK-level retries for the run report.
 */
public final class AwsClients implements AutoCloseable {
    static final String USER_AGENT = "service-catalog-puppet-jenkins/0.1";

    /** Clients kept at once (about 24 KB each, see {@link ClientCache}). */
    static final int MAX_CACHED_CLIENTS = 4096;

    private final AwsSettings settings;
    private final SharedSdkResources shared;
    /** Set for the clients of a run, which borrow their parent's shared resources and caller's clients. */
    private final AwsClients parent;

    private final ClientCache clients = new ClientCache(MAX_CACHED_CLIENTS);
    private final Map<String, AwsCredentialsProvider> roles = new ConcurrentHashMap<>();
    private final AtomicLong attempts;
    private final AtomicLong calls;
    private AwsClients s3Clients;
    private final List<ExecutionInterceptor> extraInterceptors;
    /** Paces calls per (account, region, service); shared with the clients of runs. */
    private final AtomicReference<CallPacer> pacer;

    public AwsClients(AwsSettings settings) {
        this.settings = settings;
        this.shared = new SharedSdkResources();
        this.parent = null;
        this.attempts = new AtomicLong();
        this.calls = new AtomicLong();
        this.extraInterceptors = new CopyOnWriteArrayList<>();
        this.pacer = new AtomicReference<>(CallPacer.adaptive());
    }

    private AwsClients(AwsClients parent, AwsSettings settings) {
        this.settings = settings;
        this.shared = parent.shared;
        this.parent = parent;
        this.attempts = parent.attempts;
        this.calls = parent.calls;
        this.extraInterceptors = parent.extraInterceptors;
        this.pacer = parent.pacer;
    }

    /**
     * Paces every call of these clients and their runs' per (account, region, service) (default: {@link
     * CallPacer#adaptive()}, each key unlimited until throttled).
     */
    public AwsClients pace(CallPacer value) {
        pacer.set(value);
        return this;
    }

    public CallPacer pacer() {
        return pacer.get();
    }

    /**
     * Clients for one run, whose role sessions carry the run's name and use the run's STS endpoints. They share this
     * object's HTTP pool, scheduler, interceptors, retry counts and the clients that act as the caller (S3, STS,
     * Organizations); closing them closes only their role clients and role credentials. (Closing an SDK client closes
     * the credentials provider it was given, SDK 2.40.2: a run must not close the caller's.)
     */
    public AwsClients forRun(RoleSession session, StsEndpoints configured) {
        return new AwsClients(this, settings.forRun(session, configured));
    }

    public AwsSettings settings() {
        return settings;
    }

    /** Clients held now (tests check the bound). */
    int cachedClients() {
        return clients.size();
    }

    /** Retries made by the SDK below the engine (attempts beyond the first, over all calls). */
    public long sdkRetries() {
        return attempts.get() - calls.get();
    }

    public ServiceCatalogClient serviceCatalog(String account, String region) {
        return client("servicecatalog", account, region, MemoizedEndpoints::serviceCatalogClient);
    }

    public CloudFormationClient cloudFormation(String account, String region) {
        return client("cloudformation", account, region, MemoizedEndpoints::cloudFormationClient);
    }

    public SsmClient ssm(String account, String region) {
        return client("ssm", account, region, SsmClient::builder);
    }

    public LambdaClient lambda(String account, String region) {
        return client("lambda", account, region, LambdaClient::builder);
    }

    public CodeBuildClient codeBuild(String account, String region) {
        return client("codebuild", account, region, CodeBuildClient::builder);
    }

    public EventBridgeClient eventBridge(String account, String region) {
        return client("events", account, region, EventBridgeClient::builder);
    }

    /**
     * S3 as the caller (the puppet account, whose bucket holds the cache). With an endpoint override it uses path-style
     * addressing and sends checksums only when required, which S3-compatible servers expect.
     */
    public S3Client s3(String region) {
        if (parent != null) {
            return parent.s3(region);
        }
        if (s3Clients != null) {
            return s3Clients.s3(region);
        }
        return clients.get("s3/" + region + "/caller", () -> {
            S3ClientBuilder b = configure(
                    S3Client.builder(),
                    region,
                    settings.credentials(),
                    new ThrottleTolerantRetry(settings.maxAttempts(), settings.backoffBase()));
            // S3's endpoint rules run once per bucket, not twice a request (see MemoizedS3Endpoints).
            b.endpointProvider(new MemoizedS3Endpoints(S3EndpointProvider.defaultProvider()));
            if (settings.endpoint() != null) {
                // Plain-HTTP endpoints make the SDK sign the payload; one digest of the whole (small) body is cheaper
                // for both sides than aws-chunked encoding with a signature per chunk. HTTPS sends it unsigned.
                b.forcePathStyle(true)
                        .serviceConfiguration(S3Configuration.builder()
                                .chunkedEncodingEnabled(false)
                                .build())
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
            }
            return b.build();
        });
    }

    /** Presigned URLs for the caller's S3 (the spoke deploy's manifest link), built like {@link #s3}. */
    public S3Presigner s3Presigner(String region) {
        if (parent != null) {
            return parent.s3Presigner(region);
        }
        if (s3Clients != null) {
            return s3Clients.s3Presigner(region);
        }
        return clients.get("s3-presigner/" + region + "/caller", () -> {
            S3Presigner.Builder b =
                    S3Presigner.builder().region(Region.of(region)).credentialsProvider(settings.credentials());
            if (settings.endpoint() != null) {
                b.endpointOverride(settings.endpoint())
                        .serviceConfiguration(S3Configuration.builder()
                                .pathStyleAccessEnabled(true)
                                .build());
            }
            return b.build();
        });
    }

    /** KMS as the caller (the hub account, whose key signs the cache index). */
    public KmsClient kms(String region) {
        if (parent != null) {
            return parent.kms(region);
        }
        return client("kms", null, region, KmsClient::builder);
    }

    /** Organizations as the caller (it is global; upstream reaches it through an org-management role). */
    public OrganizationsClient organizations(String region) {
        if (parent != null) {
            return parent.organizations(region);
        }
        return client("organizations", null, region, OrganizationsClient::builder);
    }

    /** The cached client acting as the account's role (the caller's if null); {@code builder} only for a new one. */
    private <C, B extends AwsClientBuilder<B, C>> C client(
            String service, String account, String region, Supplier<B> builder) {
        String actingAs = account == null ? "caller" : settings.roleArn(account);
        return clients.get(service + "/" + region + "/" + actingAs, () -> {
            String key = (account == null ? "caller" : account) + "/" + region + "/" + service;
            return configure(
                            builder.get(),
                            region,
                            credentialsFor(account),
                            new PacedRetry(standardRetry(), pacer, key),
                            new PacingInterceptor(pacer, key))
                    .build();
        });
    }

    private AwsCredentialsProvider credentialsFor(String account) {
        if (account == null) {
            return settings.credentials();
        }
        return roles.computeIfAbsent(settings.roleArn(account), this::assumeRole);
    }

    /** A role's refreshing credentials, from STS in the home region (or the global endpoint when configured). */
    private AwsCredentialsProvider assumeRole(String roleArn) {
        if (settings.homeRegion() == null) {
            throw new IllegalStateException(
                    "no home region in the AWS settings: roles are assumed through STS in the home region");
        }
        String stsRegion = settings.stsEndpoints().clientRegion(settings.homeRegion(), settings.endpoint() != null);
        RoleSession session = settings.session();
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts(stsRegion))
                .refreshRequest(r -> r.roleArn(roleArn)
                        .roleSessionName(session.name())
                        .sourceIdentity(session.sourceIdentity()) // null: not sent
                        .durationSeconds(3600))
                .asyncCredentialUpdateEnabled(false)
                .build();
    }

    /**
     * The account of the caller's credentials (STS GetCallerIdentity), asked of STS in the given region: a regional
     * endpoint answers in every partition, the global one (us-east-1) only in the commercial one.
     */
    public String callerAccount(String region) {
        return sts(region).getCallerIdentity().account();
    }

    private StsClient sts(String region) {
        if (parent != null) {
            return parent.sts(region);
        }
        return clients.get(
                "sts/" + region + "/caller",
                () -> configure(StsClient.builder(), region, settings.credentials())
                        .build());
    }

    /** S3 from other settings (the sandbox's S3 server is not the AWS stand-in); closed with these clients. */
    public AwsClients withS3(AwsClients other) {
        this.s3Clients = other;
        return this;
    }

    /** Adds an interceptor to every client built from now on (tests use it to check headers). */
    public AwsClients intercept(ExecutionInterceptor interceptor) {
        extraInterceptors.add(interceptor);
        return this;
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, String region, AwsCredentialsProvider creds) {
        return configure(builder, region, creds, standardRetry());
    }

    private StandardRetryStrategy standardRetry() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(settings.maxAttempts())
                .backoffStrategy(BackoffStrategy.exponentialDelay(settings.backoffBase(), Duration.ofSeconds(20)))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(
                        settings.backoffBase().multipliedBy(2), Duration.ofSeconds(20)))
                .build();
    }

    /** S3 retries throttling harder than other services (see {@link ThrottleTolerantRetry}); the rest is alike. */
    private <B extends AwsClientBuilder<B, ?>> B configure(
            B builder, String region, AwsCredentialsProvider creds, RetryStrategy retry) {
        return configure(builder, region, creds, retry, null);
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(
            B builder, String region, AwsCredentialsProvider creds, RetryStrategy retry, ExecutionInterceptor pacing) {
        builder.region(Region.of(region)).credentialsProvider(creds);
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        builder.overrideConfiguration(ClientOverrideConfiguration.builder()
                .retryStrategy(retry)
                .apiCallTimeout(settings.callTimeout())
                .putAdvancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX, USER_AGENT)
                .executionInterceptors(withCounting(pacing))
                .scheduledExecutorService(shared.timer())
                .build());
        if (builder instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClient(shared.http());
        }
        return builder;
    }

    private List<ExecutionInterceptor> withCounting(ExecutionInterceptor pacing) {
        List<ExecutionInterceptor> all = new ArrayList<>(extraInterceptors);
        all.add(0, new Counting());
        if (pacing != null) {
            all.add(0, pacing); // first: a call that gives its worker back is not counted, and counts when it is sent
        }
        all.add(new NoExpectContinue());
        // Reports only to threads that listen: the mirror's transfers.
        all.add(new io.jenkins.plugins.scpuppet.mirror.ThrottleSignal.Interceptor());
        return all;
    }

    /** Counts calls and transmitted attempts; the difference is the SDK's retries. */
    private final class Counting implements ExecutionInterceptor {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            calls.incrementAndGet();
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            attempts.incrementAndGet();
            // AssumeRole (a role's credentials refreshed on the task's thread) is not repeated by a rerun.
            if (!"Sts".equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))) {
                CurrentTask.touched();
            }
        }
    }

    /**
     * Drops the {@code Expect: 100-continue} the S3 client puts on uploads. With it, the HTTP client waits a round trip
     * for the server's go-ahead before every body; cache targets are a few hundred bytes, so sending them at once is
     * cheaper than asking first.
     */
    private static final class NoExpectContinue implements ExecutionInterceptor {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            SdkHttpRequest request = context.httpRequest();
            return request.firstMatchingHeader("Expect").isPresent()
                    ? request.toBuilder().removeHeader("Expect").build()
                    : request;
        }
    }

    private static void closeQuietly(Object o) {
        if (o instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing a client or credentials cache cannot lose data
            }
        }
    }

    @Override
    public void close() {
        clients.drain().forEach(AwsClients::closeQuietly);
        roles.values().forEach(AwsClients::closeQuietly);
        if (parent != null) {
            return; // a run's clients: the shared resources and the caller's clients are the parent's to close
        }
        shared.close();
        if (s3Clients != null) {
            s3Clients.close();
        }
    }
}
