package io.jenkins.plugins.scpuppet.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointParams;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointProvider;

class MemoizedS3EndpointsTest {
    private static final S3EndpointProvider SDK = S3EndpointProvider.defaultProvider();

    /** Keys the rules could tell apart if they read them: plain, nested, dotted, encoded, and one like an ARN. */
    private static final List<String> KEYS =
            List.of("output/a.json", "output/b/c.json", "_puppet/index.json", "a%2Fb", "arn:aws:s3:::x/y", "");

    @Test
    void shouldAnswerAsTheSdkWhateverTheKey() {
        for (String bucket : List.of("sc-puppet-caching-bucket-111111111111-eu-west-1", "dotted.bucket.name")) {
            for (String endpoint : new String[] {null, "http://127.0.0.1:9000"}) {
                for (Region region : List.of(Region.EU_WEST_1, Region.US_EAST_1, Region.CN_NORTH_1)) {
                    MemoizedS3Endpoints memo = new MemoizedS3Endpoints(SDK);
                    for (String key : KEYS) {
                        S3EndpointParams p = params(bucket, region, endpoint, key);
                        assertThat(memo.resolveEndpoint(p).join())
                                .as("%s %s %s %s", bucket, region, endpoint, key)
                                .isEqualTo(SDK.resolveEndpoint(p).join());
                    }
                }
            }
        }
    }

    @Test
    void shouldAskTheSdkOncePerBucket() {
        AtomicInteger asked = new AtomicInteger();
        MemoizedS3Endpoints memo = new MemoizedS3Endpoints(p -> {
            asked.incrementAndGet();
            return SDK.resolveEndpoint(p);
        });
        for (int i = 0; i < 100; i++) {
            memo.resolveEndpoint(params("bucket-a", Region.EU_WEST_1, null, "output/" + i + ".json"))
                    .join();
        }
        assertThat(asked).hasValue(1);
        memo.resolveEndpoint(params("bucket-b", Region.EU_WEST_1, null, "output/1.json"))
                .join();
        memo.resolveEndpoint(params("bucket-a", Region.US_EAST_1, null, "output/1.json"))
                .join();
        assertThat(asked).hasValue(3);
    }

    @Test
    void shouldNotKeepAFailure() {
        AtomicInteger asked = new AtomicInteger();
        MemoizedS3Endpoints memo = new MemoizedS3Endpoints(p -> {
            if (asked.incrementAndGet() == 1) {
                return CompletableFuture.failedFuture(SdkClientException.create("rules refused"));
            }
            return SDK.resolveEndpoint(p);
        });
        S3EndpointParams p = params("bucket-a", Region.EU_WEST_1, null, "k");
        assertThatThrownBy(() -> memo.resolveEndpoint(p).join()).isInstanceOf(CompletionException.class);
        assertThat(memo.resolveEndpoint(p).join())
                .isEqualTo(SDK.resolveEndpoint(p).join());
        assertThat(memo.resolveEndpoint(p).join())
                .isEqualTo(SDK.resolveEndpoint(p).join());
        assertThat(asked).hasValue(2);
    }

    /**
     * Through a real client, the auth scheme of every request comes from the client's endpoint provider too: after the
     * first request to a bucket, neither its auth scheme nor its endpoint runs the rules again.
     */
    @Test
    void shouldServeTheAuthSchemeAndTheEndpointOfEveryRequest() throws Exception {
        S3Proxy proxy = signatureCheckingS3();
        AtomicInteger asked = new AtomicInteger();
        AtomicInteger sdkAsked = new AtomicInteger();
        MemoizedS3Endpoints memo = new MemoizedS3Endpoints(p -> {
            sdkAsked.incrementAndGet();
            return SDK.resolveEndpoint(p);
        });
        try (S3Client s3 = S3Client.builder()
                .region(Region.EU_WEST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + proxy.getPort()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAMEMO", "secret")))
                .httpClient(ApacheHttpClient.create())
                .endpointProvider(p -> {
                    asked.incrementAndGet();
                    return memo.resolveEndpoint(p);
                })
                .build()) {
            s3.createBucket(b -> b.bucket("memo-bucket"));
            int before = asked.get();
            int sdkBefore = sdkAsked.get();
            for (int i = 0; i < 20; i++) {
                String key = "output/" + i + ".json";
                s3.putObject(b -> b.bucket("memo-bucket").key(key), RequestBody.fromString("{}"));
            }
            assertThat(asked.get() - before)
                    .as("asked per request: endpoint and auth scheme")
                    .isEqualTo(40);
            assertThat(sdkAsked.get() - sdkBefore)
                    .as("rules run for 20 uploads")
                    .isLessThanOrEqualTo(1);
        } finally {
            proxy.stop();
        }
    }

    /** The client's requests still pass a server that checks SigV4, and uploads are still not aws-chunked. */
    @Test
    void shouldSignRequestsThatAServerCheckingSignaturesAccepts() throws Exception {
        S3Proxy proxy = signatureCheckingS3();
        List<SdkHttpRequest> sent = new CopyOnWriteArrayList<>();
        AwsSettings settings = AwsSettings.defaults()
                .withEndpoint(
                        URI.create("http://127.0.0.1:" + proxy.getPort()),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAMEMO", "secret")));
        try (AwsClients clients = new AwsClients(settings).intercept(new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission c, ExecutionAttributes a) {
                sent.add(c.httpRequest());
            }
        })) {
            S3Client s3 = clients.s3(Region.EU_WEST_1.id());
            s3.createBucket(b -> b.bucket("memo-bucket"));
            for (String key : List.of("output/a.json", "output/b.json")) {
                s3.putObject(b -> b.bucket("memo-bucket").key(key), RequestBody.fromString("{\"k\":\"" + key + "\"}"));
            }
            assertThat(s3.getObjectAsBytes(b -> b.bucket("memo-bucket").key("output/b.json"))
                            .asString(StandardCharsets.UTF_8))
                    .isEqualTo("{\"k\":\"output/b.json\"}");
            assertThat(s3.listObjectsV2(b -> b.bucket("memo-bucket")).contents())
                    .hasSize(2);
        } finally {
            proxy.stop();
        }
        List<SdkHttpRequest> puts =
                sent.stream().filter(r -> r.method().name().equals("PUT")).toList();
        assertThat(puts).hasSize(3); // the bucket and two objects
        assertThat(puts)
                .allSatisfy(r -> assertThat(r.firstMatchingHeader("x-amz-content-sha256"))
                        .hasValueSatisfying(v -> assertThat(v).doesNotStartWith("STREAMING")));
        assertThat(sent)
                .allSatisfy(r -> assertThat(r.firstMatchingHeader("Authorization"))
                        .hasValueSatisfying(v -> assertThat(v).contains("/eu-west-1/s3/aws4_request")));
    }

    private static S3Proxy signatureCheckingS3() throws Exception {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("transient", new Properties()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "AKIAMEMO", "secret")
                .build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.onSpinWait(); // Jetty reports STARTED once the port is bound
        }
        return proxy;
    }

    private static S3EndpointParams params(String bucket, Region region, String endpoint, String key) {
        return S3EndpointParams.builder()
                .bucket(bucket)
                .region(region)
                .endpoint(endpoint)
                .forcePathStyle(endpoint != null)
                .useFips(false)
                .useDualStack(false)
                .accelerate(false)
                .useGlobalEndpoint(false)
                .key(key)
                .prefix(key)
                .copySource(key.isEmpty() ? null : bucket + "/" + key)
                .build();
    }
}
