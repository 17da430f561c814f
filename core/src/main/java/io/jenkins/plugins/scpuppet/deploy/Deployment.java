package io.jenkins.plugins.scpuppet.deploy;

import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.aws.AwsErrors;
import io.jenkins.plugins.scpuppet.aws.AwsPuppetOperations;
import io.jenkins.plugins.scpuppet.aws.OrganizationsAccountResolver;
import io.jenkins.plugins.scpuppet.aws.RoleSession;
import io.jenkins.plugins.scpuppet.aws.SpokeDeploy;
import io.jenkins.plugins.scpuppet.aws.StsEndpoints;
import io.jenkins.plugins.scpuppet.config.ConfigException;
import io.jenkins.plugins.scpuppet.config.ConfigKey;
import io.jenkins.plugins.scpuppet.config.ConfigStore;
import io.jenkins.plugins.scpuppet.config.PuppetConfig;
import io.jenkins.plugins.scpuppet.engine.Engine;
import io.jenkins.plugins.scpuppet.engine.RunHandle;
import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.RunOptions;
import io.jenkins.plugins.scpuppet.engine.RunRetention;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import io.jenkins.plugins.scpuppet.manifest.ExpandedManifest;
import io.jenkins.plugins.scpuppet.manifest.Expander;
import io.jenkins.plugins.scpuppet.manifest.ExpansionOptions;
import io.jenkins.plugins.scpuppet.manifest.LeastPrivilegeCheck;
import io.jenkins.plugins.scpuppet.manifest.Manifest;
import io.jenkins.plugins.scpuppet.manifest.ManifestException;
import io.jenkins.plugins.scpuppet.manifest.ManifestLoader;
import io.jenkins.plugins.scpuppet.manifest.SingleAccount;
import io.jenkins.plugins.scpuppet.manifest.SpokeManifest;
import io.jenkins.plugins.scpuppet.mirror.CacheBucket;
import io.jenkins.plugins.scpuppet.mirror.CacheMirror;
import io.jenkins.plugins.scpuppet.mirror.KmsIndexSigner;
import io.jenkins.plugins.scpuppet.mirror.MirrorOptions;
import io.jenkins.plugins.scpuppet.mirror.MirrorResult;
import io.jenkins.plugins.scpuppet.mirror.S3Store;
import io.jenkins.plugins.scpuppet.report.JUnitXmlWriter;
import io.jenkins.plugins.scpuppet.report.RunReportWriter;
import io.jenkins.plugins.scpuppet.tasks.GraphOptions;
import io.jenkins.plugins.scpuppet.tasks.SecureValues;
import io.jenkins.plugins.scpuppet.tasks.TaskGraphBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The deploy use case, shared by the CLI and the Jenkins step: read the config (is_caching_enabled is read here, at
 * the start of every deploy), load and expand the manifest, restore the cache from S3, run the task graph (new
 * targets go up to S3 as they land), write the reports, then finish saving the cache (failed run or not: what
 * succeeded is kept). A failed save is a warning in the log, the result and the report; it never changes the run's
 * outcome.
 */
public final class Deployment {
    private final AwsClients clients;
    private final ConfigStore config;
    private final Consumer<String> log;
    private volatile RunHandle running;
    private boolean leastPrivilege;
    private String cacheIndexKey = KmsIndexSigner.DEFAULT_KEY;
    private boolean trustUnindexed;
    private String singleAccount;
    private boolean waitingHoldsWorker;
    private Consumer<List<TaskSpec>> graphSeen = roots -> {};

    public Deployment(AwsClients clients, ConfigStore config, Consumer<String> log) {
        this.clients = clients;
        this.config = config;
        this.log = log;
    }

    /**
     * Least-privilege mode even when the config's puppet_role_permissions says administrator (the CLI's
     * --least-privilege): launches without a launch-role constraint are refused before anything runs.
     */
    public Deployment leastPrivilege(boolean on) {
        this.leastPrivilege = on;
        return this;
    }

    /**
     * The KMS key that signs and verifies the cache index (null: {@link KmsIndexSigner#DEFAULT_KEY}), and whether a
     * bucket without an authenticated index is restored anyway (--trust-unindexed); a MAC that fails never is.
     */
    public Deployment cacheIndex(String keyId, boolean trustUnindexed) {
        this.cacheIndexKey = keyId == null || keyId.isBlank() ? KmsIndexSigner.DEFAULT_KEY : keyId;
        this.trustUnindexed = trustUnindexed;
        return this;
    }

    /**
     * Upstream's --single-account: only that account's tasks, plus the hub tasks they need; null (the default) deploys
     * every account. An id that nothing targets is refused as bad input.
     */
    public Deployment singleAccount(String accountId) {
        this.singleAccount = accountId;
        return this;
    }

    /**
     * Upstream's model, for comparison (the deploy benchmark): a worker sleeps while it polls a provisioning record or
     * stack. By default a waiting operation frees its worker and is polled again later.
     */
    public Deployment waitingHoldsWorker(boolean on) {
        this.waitingHoldsWorker = on;
        return this;
    }

    /**
     * Sees the roots of the task graph each deploy runs, built with the deploy's own regions, account resolver and graph
     * options: the deploy benchmark simulates its lower bound on this graph, so that it is the graph that ran.
     */
    public Deployment onGraph(Consumer<List<TaskSpec>> seen) {
        this.graphSeen = seen;
        return this;
    }

    /** Cancels a running deploy (Ctrl-C, Jenkins abort); the cache of what finished is still saved. */
    public void cancel() {
        RunHandle handle = running;
        if (handle != null) {
            handle.cancel();
        }
    }

    public DeployResult deploy(DeployRequest request, RunListener listener)
            throws ManifestException, ConfigException, IOException, InterruptedException {
        PuppetConfig settings = PuppetConfig.load(config);
        RunOptions options = RunOptions.defaults(request.cacheDir())
                .withWorkers(request.workers())
                .withCaching(settings.flag(ConfigKey.IS_CACHING_ENABLED))
                .withErrorClassifier(AwsErrors::classify);
        if (request.forced() != null) {
            options = options.withForced(request.forced());
        }
        // Role sessions name the run (puppet-<runId>, or the Jenkins build the request names).
        RoleSession session = request.session() != null ? request.session() : RoleSession.forRun(options.runId());
        StsEndpoints configured = StsEndpoints.parse(settings.choice(ConfigKey.AWS_STS_REGIONAL_ENDPOINTS));
        try (AwsClients run = clients.forRun(session, configured)) {
            return deploy(request, listener, settings, options, run);
        }
    }

    private DeployResult deploy(
            DeployRequest request,
            RunListener listener,
            PuppetConfig settings,
            RunOptions options,
            AwsClients runClients)
            throws ManifestException, ConfigException, IOException, InterruptedException {
        boolean caching = options.cachingEnabled();
        List<String> regions = settings.regions();
        boolean leastPrivilegeRole =
                leastPrivilege || "least-privilege".equals(settings.choice(ConfigKey.PUPPET_ROLE_PERMISSIONS));
        ExpandedManifest expanded = expand(request, regions, leastPrivilegeRole, runClients);
        expanded.warnings().forEach(w -> log.accept(w.toString()));
        SpokeDeploy spokeDeploy = new SpokeDeploy(
                runClients,
                request.puppetAccountId(),
                request.homeRegion(),
                () -> spokeManifest(request, expanded),
                spokeFlags(settings));
        SecureValues secure = new SecureValues();
        List<TaskSpec> roots = TaskGraphBuilder.roots(
                singleAccount == null ? expanded : SingleAccount.filter(expanded, singleAccount),
                new AwsPuppetOperations(
                        runClients, request.puppetAccountId(), request.homeRegion(), spokeDeploy, waitingHoldsWorker),
                new GraphOptions(request.dryRun(), settings.flag(ConfigKey.SHOULD_FORWARD_EVENTS_TO_EVENTBRIDGE)),
                secure,
                singleAccount != null);
        graphSeen.accept(roots);
        // An AWS error may quote a parameter's value: no SecureString reaches the log or the reports.
        options = options.withErrorClassifier(secure.redacting(AwsErrors::classify));
        log.accept("caching is " + (caching ? "enabled" : "disabled") + " (is_caching_enabled in " + config.describe()
                + ")");
        boolean mirrored = caching && request.mirror() && !request.dryRun();
        CacheBucket bucket = CacheBucket.of(request.puppetAccountId(), request.homeRegion());
        try (CacheMirror mirror = mirrored
                ? new CacheMirror(
                        new S3Store(runClients.s3(request.homeRegion()), bucket),
                        MirrorOptions.DEFAULT,
                        Clock.systemUTC(),
                        new KmsIndexSigner(runClients.kms(request.homeRegion()), cacheIndexKey))
                : null) {
            MirrorResult restored = null;
            if (mirror != null) {
                // A refusal (CacheRefusedException) ends the deploy here: no task runs on a cache nobody vouches for.
                restored = mirror.restore(request.cacheDir(), trustUnindexed);
                log.accept(restored.describe("restored cache from s3://" + bucket.name() + "/output"));
            }
            RunSummary summary = null;
            String where = "s3://" + bucket.name() + "/output";
            // Each target goes up as it lands, so the save after the run has little left to send.
            RunListener heard = mirror == null
                    ? listener
                    : new TargetsLanding(listener, mirror.saveAsTargetsLand(request.cacheDir(), request.owner()));
            try {
                running = Engine.start(roots, options, heard);
                summary = running.await();
            } finally {
                running = null;
                pruneJournals(request, options.runId());
                if (summary == null && mirror != null) {
                    // The run itself threw: what finished is still saved; the run's exception is what the caller sees.
                    uninterrupted(() -> SaveOutcome.run(mirror, request.cacheDir(), request.owner(), null, where, log));
                }
            }
            RunSummary run = summary;
            Path report = request.reportDir().resolve("run-report.json");
            Path junit = request.reportDir().resolve("junit.xml");
            // The reports first, so a save that fails, hangs or dies still leaves them on disk. Their awsRetries count
            // the restore's and the run's retries, not the save's.
            Map<String, Long> retries = Map.of("awsRetries", runClients.sdkRetries());
            uninterrupted(() -> {
                RunReportWriter.write(run, report, retries);
                JUnitXmlWriter.write(run, junit);
                return null;
            });
            SaveOutcome saved = mirror == null
                    ? new SaveOutcome(null, null)
                    : uninterrupted(
                            () -> SaveOutcome.run(mirror, request.cacheDir(), request.owner(), run, where, log));
            if (saved.warning() != null) {
                // Replaced atomically: a reader sees the report without the warning or with it, never half of one.
                uninterrupted(() -> {
                    RunReportWriter.write(run, report, retries, saved.warning());
                    return null;
                });
            }
            return new DeployResult(
                    summary,
                    caching,
                    report,
                    junit,
                    restored,
                    saved.result(),
                    saved.warning(),
                    runClients.sdkRetries());
        }
    }

    /** What runs after a deploy and must not be cut short. */
    private interface AfterRun<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code work} with the thread's interrupt cleared, then restores it: after an abort the thread may still be
     * interrupted, and the reports and the save of what finished must not be cut short (file channels close when
     * their thread is interrupted). An interrupt raised during {@code work} is kept too.
     */
    private static <T> T uninterrupted(AfterRun<T> work) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            return work.run();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Keeps the newest run journals; a failure to delete an old one is reported, never fails the deploy. */
    private void pruneJournals(DeployRequest request, String runId) {
        try {
            List<String> deleted = RunRetention.prune(request.cacheDir(), request.keepRuns(), runId);
            if (!deleted.isEmpty()) {
                log.accept("deleted " + deleted.size() + " old run journal(s) from "
                        + request.cacheDir().resolve("runs") + ", keeping the last " + request.keepRuns());
            }
        } catch (IOException e) {
            log.accept("could not delete old run journals: " + e.getMessage());
        }
    }

    private static ExpandedManifest expand(
            DeployRequest request, List<String> regions, boolean leastPrivilegeRole, AwsClients clients)
            throws ManifestException {
        Manifest manifest = new ManifestLoader().load(request.manifest(), request.puppetAccountId());
        if (leastPrivilegeRole) {
            LeastPrivilegeCheck.require(manifest);
        }
        return new Expander(OrganizationsAccountResolver.forManifest(manifest, clients, request.homeRegion()))
                .expand(manifest, new ExpansionOptions(request.puppetAccountId(), request.homeRegion(), regions));
    }

    /** What execution: spoke hands each spoke: upstream's expanded manifest (read again only if a spoke starts). */
    private static byte[] spokeManifest(DeployRequest request, ExpandedManifest expanded) {
        try {
            return SpokeManifest.yaml(new ManifestLoader().document(request.manifest()), expanded);
        } catch (ManifestException e) {
            throw new IllegalStateException("the manifest changed during the run: " + e.getMessage(), e);
        }
    }

    /** The SHOULD_* variables of upstream's deploy-in-spoke build, spelled as its Python reads them. */
    private static Map<String, String> spokeFlags(PuppetConfig settings) throws ConfigException {
        Map<String, String> flags = new LinkedHashMap<>();
        for (ConfigKey key : List.of(
                ConfigKey.SHOULD_COLLECT_CLOUDFORMATION_EVENTS,
                ConfigKey.SHOULD_FORWARD_EVENTS_TO_EVENTBRIDGE,
                ConfigKey.SHOULD_FORWARD_FAILURES_TO_OPSCENTER)) {
            flags.put(key.yamlName().toUpperCase(Locale.ROOT), settings.flag(key) ? "True" : "False");
        }
        return flags;
    }
}
