package io.jenkins.plugins.scpuppet.sandbox;

import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.aws.AwsSettings;
import io.jenkins.plugins.scpuppet.aws.SpokeDeploy;
import io.jenkins.plugins.scpuppet.manifest.ExpandedManifest;
import io.jenkins.plugins.scpuppet.manifest.Launch;
import io.jenkins.plugins.scpuppet.manifest.ParameterSource;
import io.jenkins.plugins.scpuppet.manifest.Placeholders;
import io.jenkins.plugins.scpuppet.manifest.Target;
import io.jenkins.plugins.scpuppet.mirror.CacheBucket;
import io.jenkins.plugins.scpuppet.standin.AwsStandIn;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A whole AWS estate on this machine: the AWS stand-in for Service Catalog, CloudFormation, SSM, STS, Lambda and the
 * rest, and S3Proxy for the cache bucket. Seeded from the manifest with what an admin would have created in the hub
 * before running puppet (portfolios, products and versions, SSM inputs, functions), and bootstrapped: the cache
 * bucket exists, the config enables caching, and every account the manifest reaches has the spoke stack bootstrap
 * makes. The stand-in enforces IAM on every call made through a PuppetRole unless {@code iam().enforce(false)}.
 * The sandbox's own keys stand for the Jenkins agent's role in the hub (issue #17, decision 4). State lives as long
 * as the process.
 */
public final class Sandbox implements AutoCloseable {
    public static final String ACCESS_KEY_PREFIX = "AKIASANDBOX";
    private final AwsStandIn standIn;
    /** The servicecatalog-puppet version the sandbox's spokes would run (upstream's, as researched). */
    static final String SPOKE_VERSION = "0.84.0";

    private final S3Proxy s3;
    private final String puppetAccountId;
    private final AwsClients clients;
    private SpokeBootstraps spokes;

    /** A sandbox whose hub's home region is eu-west-1 (the CLI's default). */
    public Sandbox(String puppetAccountId) throws Exception {
        this(puppetAccountId, "eu-west-1");
    }

    /** A sandbox whose roles are assumed through STS in the hub's home region, as on AWS. */
    public Sandbox(String puppetAccountId, String homeRegion) throws Exception {
        this.puppetAccountId = puppetAccountId;
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
        var credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(ACCESS_KEY_PREFIX + puppetAccountId, "sandbox-secret"));
        AwsSettings settings = AwsSettings.defaults()
                .withHomeRegion(homeRegion)
                .withEndpoint(standIn.endpoint(), credentials)
                .withTimings(Duration.ofMillis(5), Duration.ofMillis(5));
        AwsSettings s3Settings = settings.withEndpoint(URI.create("http://127.0.0.1:" + s3.getPort()), credentials);
        clients = new AwsClients(settings).withS3(new AwsClients(s3Settings));
    }

    /**
     * The IAM part of the stand-in: enforcement (on; {@code iam().enforce(false)} for a test that must reach AWS
     * behaviour past IAM, decisions are still recorded), the test API, the recording for the judge.
     */
    public io.jenkins.plugins.scpuppet.standin.Iam iam() {
        return standIn.iam();
    }

    /**
     * Seeds the hub from the expanded manifest, creates the cache bucket and the config, and bootstraps the spoke
     * stack into the hub and every account the manifest reaches.
     */
    public void seed(ExpandedManifest e, String homeRegion, List<String> regions) throws Exception {
        var sc = standIn.serviceCatalog();
        var m = e.manifest();
        for (Launch l : m.launches().values()) {
            Set<String> params = new LinkedHashSet<>();
            Set<String> hubRegions = new LinkedHashSet<>();
            for (Target t : e.launchTargets().get(l.name())) {
                params.addAll(t.parameters().keySet());
                hubRegions.add(t.region());
                seedSsm(t, homeRegion);
            }
            List<String> outputs =
                    l.ssmOutputs().stream().map(Launch.SsmOutput::stackOutput).toList();
            for (String region : hubRegions) {
                sc.seedProduct(
                        puppetAccountId,
                        region,
                        l.portfolio(),
                        l.product(),
                        List.of(l.version()),
                        new ArrayList<>(params),
                        outputs);
            }
        }
        m.spokeLocalPortfolios()
                .values()
                .forEach(s -> e.spokeLocalPortfolioTargets()
                        .get(s.name())
                        .forEach(t -> sc.seedPortfolio(puppetAccountId, t.region(), s.portfolio())));
        m.lambdaInvocations().values().forEach(l -> {
            standIn.lambda().register(puppetAccountId, homeRegion, l.functionName());
            e.lambdaTargets().get(l.name()).forEach(t -> seedSsm(t, homeRegion));
        });
        m.actions().values().forEach(a -> standIn.codeBuild().register(a.accountId(), a.region(), a.projectName()));
        seedSpokeDeploy(e, homeRegion);
        if (spokes == null) {
            AwsSettings base = clients.settings();
            spokes = new SpokeBootstraps(
                    puppetAccountId, homeRegion, a -> SpokeBootstraps.callerSettings(base, ACCESS_KEY_PREFIX, a));
        }
        spokes.bootstrap(e);
        createBucket(CacheBucket.of(puppetAccountId, homeRegion).name(), homeRegion);
        if (standIn.ssm().get(puppetAccountId, homeRegion, "/servicecatalog-puppet/config") == null) {
            standIn.ssm()
                    .put(
                            puppetAccountId,
                            homeRegion,
                            "/servicecatalog-puppet/config",
                            "regions: [" + String.join(", ", regions) + "]\nis_caching_enabled: true\n");
        }
    }

    /**
     * What execution: spoke needs, as upstream's bootstraps leave it: the spoke-deploy bucket and the version
     * parameter in the hub, and the deploy-in-spoke CodeBuild project in each spoke's home region.
     */
    private void seedSpokeDeploy(ExpandedManifest e, String homeRegion) {
        List<Launch> inSpokes = e.manifest().launches().values().stream()
                .filter(l -> l.execution() == Launch.Execution.SPOKE)
                .toList();
        if (inSpokes.isEmpty()) {
            return;
        }
        createBucket(SpokeDeploy.bucket(puppetAccountId), homeRegion);
        // Versioned, as the bootstrap creates it: the spokes' links pin the version uploaded.
        clients.s3(homeRegion)
                .putBucketVersioning(b -> b.bucket(SpokeDeploy.bucket(puppetAccountId))
                        .versioningConfiguration(v -> v.status("Enabled")));
        if (standIn.ssm().get(puppetAccountId, homeRegion, SpokeDeploy.VERSION_PARAMETER) == null) {
            standIn.ssm().put(puppetAccountId, homeRegion, SpokeDeploy.VERSION_PARAMETER, SPOKE_VERSION);
        }
        inSpokes.forEach(l -> e.launchTargets()
                .get(l.name())
                .forEach(t -> standIn.codeBuild().register(t.accountId(), homeRegion, SpokeDeploy.PROJECT)));
    }

    private void createBucket(String name, String region) {
        try {
            clients.s3(region).createBucket(b -> b.bucket(name));
        } catch (software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException seededBefore) {
            // a shared sandbox seeded again for another build
        }
    }

    private void seedSsm(Target t, String homeRegion) {
        for (Map.Entry<String, ParameterSource> p : t.parameters().entrySet()) {
            if (p.getValue() instanceof ParameterSource.Ssm ssm) {
                String name = Placeholders.fill(ssm.name(), t.accountId(), t.region());
                if (standIn.ssm().get(puppetAccountId, ssm.region() != null ? ssm.region() : homeRegion, name)
                        == null) {
                    standIn.ssm()
                            .put(
                                    puppetAccountId,
                                    ssm.region() != null ? ssm.region() : homeRegion,
                                    name,
                                    "sandbox-" + p.getKey());
                }
            }
        }
    }

    /** Clients for every service, pointed at the stand-in and the local S3, as the puppet account. */
    public AwsClients clients() {
        return clients;
    }

    /**
     * Starts a sandbox seeded for a manifest: the regions of its launches become the config's regions.
     */
    public static Sandbox forManifest(java.nio.file.Path manifest, String account, String home) throws Exception {
        Sandbox box = new Sandbox(account, home);
        try {
            box.seedFor(manifest, account, home);
        } catch (Exception e) {
            box.close();
            throw e;
        }
        return box;
    }

    private static final java.util.Map<String, Sandbox> SHARED = new java.util.HashMap<>();

    /**
     * The sandbox of this JVM for an account and region, started on first use and kept until the JVM ends, so
     * consecutive builds on one Jenkins agent see the same AWS state (as consecutive deploys against real AWS do).
     * Seeding again for another manifest only adds what is missing.
     */
    public static synchronized Sandbox shared(java.nio.file.Path manifest, String account, String home)
            throws Exception {
        Sandbox box = SHARED.get(account + "/" + home);
        if (box == null) {
            box = forManifest(manifest, account, home);
            SHARED.put(account + "/" + home, box);
        } else {
            box.seedFor(manifest, account, home);
        }
        return box;
    }

    /** Seeds from a manifest (expanded offline); the regions of its launches become the config's regions. */
    private void seedFor(java.nio.file.Path manifest, String account, String home) throws Exception {
        ExpandedManifest expanded = new io.jenkins.plugins.scpuppet.manifest.Expander(
                        io.jenkins.plugins.scpuppet.manifest.AccountResolver.NONE)
                .expand(
                        new io.jenkins.plugins.scpuppet.manifest.ManifestLoader().load(manifest, account),
                        new io.jenkins.plugins.scpuppet.manifest.ExpansionOptions(account, home, List.of()));
        List<String> regions = expanded.launchTargets().values().stream()
                .flatMap(List::stream)
                .map(Target::region)
                .distinct()
                .toList();
        seed(expanded, home, regions);
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
