package io.jenkins.plugins.scpuppet.sandbox;

import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.aws.AwsSettings;
import io.jenkins.plugins.scpuppet.manifest.ExpandedManifest;
import io.jenkins.plugins.scpuppet.standin.AwsStandIn;
import io.jenkins.plugins.scpuppet.standin.LatencyModel;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * A whole AWS estate on this machine: the AWS stand-in for Service Catalog, CloudFormation, SSM, STS, Lambda and the
 * rest, and S3Proxy for the cache bucket. Seeded from the manifest by {@link StandInSeeder} with what an admin would
 * have created in the hub before running puppet (portfolios, products and versions, SSM inputs, functions), and
 * bootstrapped: the cache bucket exists, the config enables caching, and every account the manifest reaches has the
 * spoke stack bootstrap makes. The stand-in enforces IAM on every call made through a PuppetRole unless {@code iam().enforce(false)}.
 * The sandbox's own keys stand for the Jenkins agent's role in the hub (issue #17, decision 4). State lives as long
 * as the process.
 */
public final class Sandbox implements AutoCloseable {
    public static final String ACCESS_KEY_PREFIX = StandInSeeder.ACCESS_KEY_PREFIX;
    private final AwsStandIn standIn;
    private final S3Proxy s3;
    private final String homeRegion;
    private AwsClients clients;
    private final StandInSeeder seeder;

    /** A sandbox whose hub's home region is eu-west-1 (the CLI's default). */
    public Sandbox(String puppetAccountId) throws Exception {
        this(puppetAccountId, "eu-west-1");
    }

    /** A sandbox whose roles are assumed through STS in the hub's home region, as on AWS. */
    public Sandbox(String puppetAccountId, String homeRegion) throws Exception {
        this.homeRegion = homeRegion;
        standIn = AwsStandIn.start(puppetAccountId);
        s3 = S3Proxy.builder()
                .blobStore(BlobStores.create("transient", new Properties()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                .ignoreUnknownHeaders(true)
                .build();
        s3.start();
        while (!s3.getState().equals("STARTED")) {
            Thread.onSpinWait(); // Jetty reports STARTED once the port is bound
        }
        AwsSettings settings = StandInSeeder.callerSettings(standIn, puppetAccountId, homeRegion);
        AwsSettings s3Settings = settings.withEndpoint(s3Endpoint(), settings.credentials());
        clients = new AwsClients(settings).withS3(new AwsClients(s3Settings));
        seeder = new StandInSeeder(standIn, puppetAccountId, homeRegion);
        standIn.cloudFormation().buckets(new SandboxBuckets(this::clients, homeRegion));
    }

    /**
     * The IAM part of the stand-in: enforcement (on; {@code iam().enforce(false)} for a test that must reach AWS
     * behaviour past IAM, decisions are still recorded), the test API, the recording for the judge.
     */
    public io.jenkins.plugins.scpuppet.standin.Iam iam() {
        return standIn.iam();
    }

    /**
     * Seeds the hub from the expanded manifest ({@link StandInSeeder}), creates the buckets it needs in the local S3,
     * and bootstraps the spoke stack into the hub and every account the manifest reaches.
     */
    public void seed(ExpandedManifest e, String homeRegion, List<String> regions) throws Exception {
        for (StandInSeeder.Bucket b : seeder.seed(e, homeRegion, regions)) {
            createBucket(b);
        }
    }

    private void createBucket(StandInSeeder.Bucket b) {
        try {
            clients.s3(b.region()).createBucket(r -> r.bucket(b.name()));
        } catch (software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException seededBefore) {
            // a sandbox seeded again for another manifest
        }
        if (b.versioned()) {
            clients.s3(b.region())
                    .putBucketVersioning(r -> r.bucket(b.name()).versioningConfiguration(v -> v.status("Enabled")));
        }
    }

    /**
     * Makes the stand-in as slow as AWS, scaled ({@link LatencyModel}), and the clients poll as they would poll AWS:
     * every twentieth of a provision (5 s against minutes on AWS) instead of every few milliseconds. Call it after
     * seeding, before taking {@link #clients()}.
     */
    public void latencyModel(LatencyModel model) {
        standIn.latencyModel(model);
        if (model.provisionMillis() > 0) {
            AwsSettings settings = clients.settings();
            Duration poll = Duration.ofMillis(Math.max(5, model.provisionMillis() / 20));
            AwsClients s3 = new AwsClients(settings.withEndpoint(s3Endpoint(), settings.credentials()));
            AwsClients old = clients;
            clients = new AwsClients(settings.withTimings(settings.backoffBase(), poll)).withS3(s3);
            old.close();
        }
        // The client is not told the model's rate limits: its pacer learns them from throttling, as against AWS.
    }

    /** Clients for every service, pointed at the stand-in and the local S3, as the puppet account. */
    public AwsClients clients() {
        return clients;
    }

    /**
     * Starts a sandbox seeded for a manifest: the regions of its launches become the config's regions.
     */
    public static Sandbox forManifest(Path manifest, String account, String home) throws Exception {
        Sandbox box = new Sandbox(account, home);
        try {
            box.seedFor(manifest);
        } catch (Exception e) {
            box.close();
            throw e;
        }
        return box;
    }

    /** Seeds from a manifest (expanded offline); the regions of its launches become the config's regions. */
    private void seedFor(Path manifest) throws Exception {
        for (StandInSeeder.Bucket b : seeder.seedFor(manifest, homeRegion)) {
            createBucket(b);
        }
    }

    public AwsStandIn standIn() {
        return standIn;
    }

    public URI s3Endpoint() {
        return URI.create("http://127.0.0.1:" + s3.getPort());
    }

    @Override
    public void close() throws Exception {
        clients.close();
        standIn.close();
        s3.stop();
    }
}
