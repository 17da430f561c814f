package io.jenkins.plugins.scpuppet.aws;

import io.jenkins.plugins.scpuppet.mirror.CacheBucket;
import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.middleware.Middlewares;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;

/**
 * A real S3 server (S3Proxy, in memory) whose cache bucket exists and can be read but refuses every write, through
 * S3Proxy's own read-only middleware: as a bucket does for an agent whose role may read the cache but not write it.
 * A restore finds an empty cache; a save fails. Shared with plugin-check through core's test-jar.
 */
public final class WriteRefusingS3 implements AutoCloseable {
    private final S3Proxy proxy;
    final AwsClients clients;

    public WriteRefusingS3(String account, String region) throws Exception {
        BlobStore memory = BlobStores.create("transient", new Properties());
        memory.createContainer(CreateBucketRequest.builder()
                .bucket(CacheBucket.of(account, region).name())
                .build());
        Properties readOnly = new Properties();
        readOnly.setProperty("s3proxy.read-only-blobstore", "true");
        proxy = S3Proxy.builder()
                .blobStore(Middlewares.wrap(memory, readOnly, null))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.onSpinWait(); // Jetty reports STARTED once the port is bound
        }
        clients = new AwsClients(AwsSettings.defaults()
                .withEndpoint(
                        URI.create("http://127.0.0.1:" + proxy.getPort()),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAREADONLY" + account, "s")))
                .withTimings(Duration.ofMillis(1), Duration.ofMillis(1)));
    }

    /** The S3 endpoint, for clients configured by environment ({@code AWS_ENDPOINT_URL_S3}). */
    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    @Override
    public void close() throws Exception {
        clients.close();
        proxy.stop();
    }
}
