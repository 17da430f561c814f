package io.jenkins.plugins.scpuppet.mirror;

import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.aws.AwsSettings;
import io.jenkins.plugins.scpuppet.bootstrap.CacheIndexKey;
import io.jenkins.plugins.scpuppet.standin.AwsStandIn;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server (S3Proxy, in memory) on 127.0.0.1 with the cache bucket created, and a recorded SDK client; and the
 * AWS stand-in's KMS with the cache-index key (an HMAC_256 key that only servicecatalog-puppet roles may use, the SDK's
 * caller here being the stand-in's Jenkins agent role, servicecatalog-puppet/jenkins-agent).
 */
public final class LocalS3 implements AutoCloseable {
    static final String ACCOUNT = "111111111111";
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAMIRROR" + ACCOUNT, "secret"));
    final S3Proxy proxy;
    public final AwsClients clients;
    final S3Client s3;
    final CacheBucket bucket = CacheBucket.of(ACCOUNT, "eu-west-1");
    final List<SdkHttpRequest> requests = new CopyOnWriteArrayList<>();
    volatile Predicate<SdkHttpRequest> failWhen = r -> false;
    /** Rewrites an answer S3Proxy gave, as real S3 could have answered it (say, a DeleteObjects with errors). */
    volatile UnaryOperator<SdkResponse> answerWith = r -> r;
    /** A request S3Proxy carried out whose answer never reaches the caller, as when a connection is cut. */
    volatile Predicate<SdkHttpRequest> loseAnswerWhen = r -> false;

    final AwsStandIn standIn;
    final KmsClient kms;
    final String keyArn;

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
        clients = new AwsClients(settingsAt(endpoint())).intercept(new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission c, ExecutionAttributes a) {
                requests.add(c.httpRequest());
                if (failWhen.test(c.httpRequest())) {
                    throw new IllegalStateException("injected: connection cut");
                }
            }

            @Override
            public SdkResponse modifyResponse(Context.ModifyResponse c, ExecutionAttributes a) {
                if (loseAnswerWhen.test(c.httpRequest())) {
                    throw SdkClientException.create(
                            "injected: the answer was lost", new IOException("Connection reset"));
                }
                return answerWith.apply(c.response());
            }
        });
        s3 = clients.s3("eu-west-1");
        s3.createBucket(b -> b.bucket(bucket.name()));
        requests.clear();
        standIn = AwsStandIn.start(ACCOUNT);
        kms = KmsClient.builder()
                .endpointOverride(standIn.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(CREDENTIALS)
                .build();
        keyArn = newKey();
        standIn.kms().createAlias(ACCOUNT, "eu-west-1", KmsIndexSigner.DEFAULT_KEY, keyArn);
    }

    /** S3Proxy's own address. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** The tests' client settings at {@code endpoint}: S3Proxy itself, or a fault proxy in front of it. */
    static AwsSettings settingsAt(URI endpoint) {
        return AwsSettings.defaults()
                .withEndpoint(endpoint, CREDENTIALS)
                .withTimings(Duration.ofMillis(1), Duration.ofMillis(1));
    }

    /** Another HMAC key with the same policy (an index signed with it must be refused). */
    String newKey() {
        return standIn.kms().createKey(ACCOUNT, "eu-west-1", "HMAC_256", KEY_POLICY);
    }

    static final String KEY_POLICY = CacheIndexKey.plainPolicy(ACCOUNT, CacheIndexKey.DEFAULT_WRITERS);

    /** The signer with the default key (its alias), as a deploy configures it. */
    IndexSigner signer() {
        return new KmsIndexSigner(kms, KmsIndexSigner.DEFAULT_KEY);
    }

    IndexSigner signer(String keyId) {
        return new KmsIndexSigner(kms, keyId);
    }

    S3Store store() {
        return new S3Store(s3, bucket);
    }

    @Override
    public void close() throws Exception {
        clients.close();
        proxy.stop();
        kms.close();
        standIn.close();
    }
}
