package io.jenkins.plugins.scpuppet.mirror;

import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.aws.AwsSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;

/** A real S3 server (S3Proxy, in memory) on 127.0.0.1 with the cache bucket created, and a recorded SDK client. */
public final class LocalS3 implements AutoCloseable {
    static final String ACCOUNT = "111111111111";
    final S3Proxy proxy;
    public final AwsClients clients;
    final S3Client s3;
    final CacheBucket bucket = CacheBucket.of(ACCOUNT, "eu-west-1");
    final List<SdkHttpRequest> requests = new CopyOnWriteArrayList<>();
    volatile Predicate<SdkHttpRequest> failWhen = r -> false;

    public LocalS3() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("transient", new Properties()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.onSpinWait(); // Jetty reports STARTED once the port is bound
        }
        AwsSettings settings = AwsSettings.defaults()
                .withEndpoint(
                        URI.create("http://127.0.0.1:" + proxy.getPort()),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAMIRROR" + ACCOUNT, "secret")))
                .withTimings(Duration.ofMillis(1), Duration.ofMillis(1));
        clients = new AwsClients(settings).intercept(new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission c, ExecutionAttributes a) {
                requests.add(c.httpRequest());
                if (failWhen.test(c.httpRequest())) {
                    throw new IllegalStateException("injected: connection cut");
                }
            }
        });
        s3 = clients.s3("eu-west-1");
        s3.createBucket(b -> b.bucket(bucket.name()));
        requests.clear();
    }

    S3Store store() {
        return new S3Store(s3, bucket);
    }

    @Override
    public void close() throws Exception {
        clients.close();
        proxy.stop();
    }
}
