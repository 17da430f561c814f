package io.jenkins.plugins.scpuppet.sandbox;

import io.jenkins.plugins.scpuppet.aws.AwsSettings;
import io.jenkins.plugins.scpuppet.aws.SpokeDeploy;
import io.jenkins.plugins.scpuppet.bootstrap.CacheIndexKey;
import io.jenkins.plugins.scpuppet.manifest.AccountResolver;
import io.jenkins.plugins.scpuppet.manifest.ExpandedManifest;
import io.jenkins.plugins.scpuppet.manifest.Expander;
import io.jenkins.plugins.scpuppet.manifest.ExpansionOptions;
import io.jenkins.plugins.scpuppet.manifest.Launch;
import io.jenkins.plugins.scpuppet.manifest.ManifestLoader;
import io.jenkins.plugins.scpuppet.manifest.ParameterSource;
import io.jenkins.plugins.scpuppet.manifest.Placeholders;
import io.jenkins.plugins.scpuppet.manifest.Target;
import io.jenkins.plugins.scpuppet.mirror.CacheBucket;
import io.jenkins.plugins.scpuppet.mirror.KmsIndexSigner;
import io.jenkins.plugins.scpuppet.standin.AwsStandIn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Seeds an AWS stand-in from a manifest with what an admin would have created in the hub before running puppet
 * (portfolios, products and versions, SSM inputs, functions, projects, the config) and bootstraps the spoke stack into
 * the hub and every account the manifest reaches. Needs no S3: the buckets the manifest needs are returned for a
 * caller with an S3 server to create ({@link Sandbox} does). The Jenkins plugin's tests use it with the stand-in alone,
 * so this class must never reference S3Proxy.
 */
public final class StandInSeeder {
    /** The caller's static key is this prefix plus the account id (decision 4 of issue #17: the agent's role). */
    public static final String ACCESS_KEY_PREFIX = "AKIASANDBOX";
    /** The secret of every caller key (the stand-in does not verify signatures). */
    public static final String SECRET_KEY = "sandbox-secret";
    /** The servicecatalog-puppet version the sandbox's spokes would run (upstream's, as researched). */
    static final String SPOKE_VERSION = "0.84.0";

    /** A bucket the seeded state expects in S3 (the cache bucket; the versioned spoke-deploy bucket). */
    public record Bucket(String name, String region, boolean versioned) {}

    private final AwsStandIn standIn;
    private final String puppetAccountId;
    private final SpokeBootstraps spokes;

    /** Seeds {@code standIn} for a hub whose roles are assumed through STS in {@code homeRegion}. */
    public StandInSeeder(AwsStandIn standIn, String puppetAccountId, String homeRegion) {
        this.standIn = standIn;
        this.puppetAccountId = puppetAccountId;
        AwsSettings base = callerSettings(standIn, puppetAccountId, homeRegion);
        this.spokes = new SpokeBootstraps(
                puppetAccountId, homeRegion, a -> SpokeBootstraps.callerSettings(base, ACCESS_KEY_PREFIX, a));
    }

    /** Settings that reach the stand-in as an account's own caller (its static key), with short timings. */
    public static AwsSettings callerSettings(AwsStandIn standIn, String account, String homeRegion) {
        var credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_PREFIX + account, SECRET_KEY));
        return AwsSettings.defaults()
                .withHomeRegion(homeRegion)
                .withEndpoint(standIn.endpoint(), credentials)
                .withTimings(Duration.ofMillis(5), Duration.ofMillis(5));
    }

    /**
     * Seeds the hub from the expanded manifest, writes the config (unless one exists) and bootstraps the spoke stack
     * into the hub and every account the manifest reaches. Seeding again only adds what is missing.
     *
     * @return the buckets the manifest needs in S3, for the caller to create where it has S3
     */
    public List<Bucket> seed(ExpandedManifest e, String homeRegion, List<String> regions) throws Exception {
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
        List<Bucket> buckets = new ArrayList<>();
        buckets.add(new Bucket(CacheBucket.of(puppetAccountId, homeRegion).name(), homeRegion, false));
        if (seedSpokeDeploy(e, homeRegion)) {
            // Versioned, as the bootstrap creates it: the spokes' links pin the version uploaded.
            buckets.add(new Bucket(SpokeDeploy.bucket(puppetAccountId), homeRegion, true));
        }
        spokes.bootstrap(e);
        seedCacheIndexKey(homeRegion);
        if (standIn.ssm().get(puppetAccountId, homeRegion, "/servicecatalog-puppet/config") == null) {
            standIn.ssm()
                    .put(
                            puppetAccountId,
                            homeRegion,
                            "/servicecatalog-puppet/config",
                            "regions: [" + String.join(", ", regions) + "]\nis_caching_enabled: true\n");
        }
        return buckets;
    }

    /**
     * The cache-index key as hub bootstrap makes it (same key spec, alias and policy): the sandbox's caller, the
     * Jenkins agent's role servicecatalog-puppet/jenkins-agent, is a cache writer, so saves sign and restores verify.
     */
    private void seedCacheIndexKey(String homeRegion) {
        if (standIn.kms().aliasTarget(puppetAccountId, homeRegion, KmsIndexSigner.DEFAULT_KEY) == null) {
            String key = standIn.kms()
                    .createKey(
                            puppetAccountId,
                            homeRegion,
                            "HMAC_256",
                            CacheIndexKey.plainPolicy(puppetAccountId, CacheIndexKey.DEFAULT_WRITERS));
            standIn.kms().createAlias(puppetAccountId, homeRegion, KmsIndexSigner.DEFAULT_KEY, key);
        }
    }

    /** Seeds from a manifest (expanded offline); the regions of its launches become the config's regions. */
    public List<Bucket> seedFor(Path manifest, String homeRegion) throws Exception {
        ExpandedManifest expanded = new Expander(AccountResolver.NONE)
                .expand(
                        new ManifestLoader().load(manifest, puppetAccountId),
                        new ExpansionOptions(puppetAccountId, homeRegion, List.of()));
        List<String> regions = expanded.launchTargets().values().stream()
                .flatMap(List::stream)
                .map(Target::region)
                .distinct()
                .toList();
        return seed(expanded, homeRegion, regions);
    }

    /**
     * What execution: spoke needs, as upstream's bootstraps leave it: the version parameter in the hub and the
     * deploy-in-spoke CodeBuild project in each spoke's home region. True if the manifest has such launches (they
     * also need the spoke-deploy bucket).
     */
    private boolean seedSpokeDeploy(ExpandedManifest e, String homeRegion) {
        List<Launch> inSpokes = e.manifest().launches().values().stream()
                .filter(l -> l.execution() == Launch.Execution.SPOKE)
                .toList();
        if (inSpokes.isEmpty()) {
            return false;
        }
        if (standIn.ssm().get(puppetAccountId, homeRegion, SpokeDeploy.VERSION_PARAMETER) == null) {
            standIn.ssm().put(puppetAccountId, homeRegion, SpokeDeploy.VERSION_PARAMETER, SPOKE_VERSION);
        }
        inSpokes.forEach(l -> e.launchTargets()
                .get(l.name())
                .forEach(t -> standIn.codeBuild().register(t.accountId(), homeRegion, SpokeDeploy.PROJECT)));
        return true;
    }

    private void seedSsm(Target t, String homeRegion) {
        for (Map.Entry<String, ParameterSource> p : t.parameters().entrySet()) {
            if (p.getValue() instanceof ParameterSource.Ssm ssm) {
                String region = ssm.region() != null ? ssm.region() : homeRegion;
                String name = Placeholders.fill(ssm.name(), t.accountId(), t.region());
                if (standIn.ssm().get(puppetAccountId, region, name) == null) {
                    standIn.ssm().put(puppetAccountId, region, name, "sandbox-" + p.getKey());
                }
            }
        }
    }
}
