package io.jenkins.plugins.scpuppet.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.spi.scheme.AuthSchemeOption;
import software.amazon.awssdk.http.auth.spi.signer.SignerProperty;
import software.amazon.awssdk.identity.spi.IdentityProperty;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.auth.scheme.S3AuthSchemeParams;
import software.amazon.awssdk.services.s3.auth.scheme.S3AuthSchemeProvider;

class MemoizedS3AuthSchemesTest {
    private static final S3AuthSchemeProvider SDK = S3AuthSchemeProvider.defaultProvider();

    @Test
    void shouldAnswerAsTheSdkWhateverTheKey() {
        for (String operation : List.of("PutObject", "GetObject", "HeadObject", "DeleteObjects", "ListObjectsV2")) {
            for (String endpoint : new String[] {null, "http://127.0.0.1:9000"}) {
                MemoizedS3AuthSchemes memo = new MemoizedS3AuthSchemes(SDK);
                for (String key : List.of("output/a.json", "output/b/c.json", "index.json")) {
                    S3AuthSchemeParams p = params(operation, "sc-puppet-caching-bucket", endpoint, key);
                    assertThat(described(memo.resolveAuthScheme(p)))
                            .as("%s %s %s", operation, endpoint, key)
                            .isEqualTo(described(SDK.resolveAuthScheme(p)));
                }
            }
        }
    }

    @Test
    void shouldAskTheSdkOncePerOperationAndBucket() {
        AtomicInteger asked = new AtomicInteger();
        MemoizedS3AuthSchemes memo = new MemoizedS3AuthSchemes(p -> {
            asked.incrementAndGet();
            return SDK.resolveAuthScheme(p);
        });
        for (int i = 0; i < 100; i++) {
            memo.resolveAuthScheme(params("PutObject", "bucket-a", null, "output/" + i + ".json"));
        }
        assertThat(asked).hasValue(1);
        memo.resolveAuthScheme(params("GetObject", "bucket-a", null, "output/1.json"));
        memo.resolveAuthScheme(params("PutObject", "bucket-b", null, "output/1.json"));
        assertThat(asked).hasValue(3);
    }

    /** The client's requests still pass a server that checks SigV4, and uploads are still not aws-chunked. */
    @Test
    void shouldSignRequestsThatAServerCheckingSignaturesAccepts() throws Exception {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("transient", new Properties()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "AKIAMEMO", "secret")
                .build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.onSpinWait(); // Jetty reports STARTED once the port is bound
        }
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

    private static S3AuthSchemeParams params(String operation, String bucket, String endpoint, String key) {
        return S3AuthSchemeParams.builder()
                .operation(operation)
                .region(Region.EU_WEST_1)
                .bucket(bucket)
                .endpoint(endpoint)
                .forcePathStyle(endpoint != null)
                .useFips(false)
                .useDualStack(false)
                .accelerate(false)
                .useGlobalEndpoint(false)
                .key(key)
                .build();
    }

    /** An option's scheme and signer properties, comparable (the SDK's options have no equals). */
    private static List<String> described(List<AuthSchemeOption> options) {
        return options.stream()
                .map(o -> {
                    Map<String, String> props = new TreeMap<>();
                    o.forEachSignerProperty(new AuthSchemeOption.SignerPropertyConsumer() {
                        @Override
                        public <T> void accept(SignerProperty<T> k, T v) {
                            props.put(k.toString(), String.valueOf(v));
                        }
                    });
                    o.forEachIdentityProperty(new AuthSchemeOption.IdentityPropertyConsumer() {
                        @Override
                        public <T> void accept(IdentityProperty<T> k, T v) {
                            props.put(k.toString(), String.valueOf(v));
                        }
                    });
                    return o.schemeId() + " " + props;
                })
                .toList();
    }
}
