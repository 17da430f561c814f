package io.jenkins.plugins.scpuppet.cli;

import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.config.ConfigStore;
import io.jenkins.plugins.scpuppet.config.SsmConfigStore;
import io.jenkins.plugins.scpuppet.deploy.DeployRequest;
import io.jenkins.plugins.scpuppet.deploy.DeployResult;
import io.jenkins.plugins.scpuppet.deploy.Deployment;
import io.jenkins.plugins.scpuppet.engine.MissReason;
import io.jenkins.plugins.scpuppet.engine.RunRetention;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import io.jenkins.plugins.scpuppet.sandbox.Sandbox;
import io.jenkins.plugins.scpuppet.standin.LatencyModel;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code puppet deploy MANIFEST}: run the task graph, with the cache restored from S3 before and saved after. */
@Command(
        name = "deploy",
        description = "Deploy a manifest: provision, share, invoke; cached tasks are skipped.",
        exitCodeListHeading = "%nExit statuses:%n",
        exitCodeList = {
            "0:success",
            "1:task failures",
            "2:bad usage or invalid input",
            "3:AWS unreachable or refusing outside a task",
            "5:deployed, but the cache save after the run failed (report written; a failed run's status beats this)",
            "6:cache not restored: the bucket holds objects but no authenticated index (no task ran)",
            "130:cancelled"
        })
final class DeployCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MANIFEST", description = "The manifest.yaml.")
    Path manifest;

    @Option(
            names = "--workers",
            defaultValue = "128",
            description = "Worker threads: the bound on requests to AWS in flight; a task waiting on a provision or"
                    + " stack holds none (default: ${DEFAULT-VALUE}).")
    int workers;

    @Mixin
    CacheDirOption cache = new CacheDirOption();

    @Option(names = "--report-dir", description = "Where run-report.json and junit.xml go (default: the cache dir).")
    Path reportDir;

    @Option(
            names = "--mirror",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Restore the cache from S3 before the run and save it after (default); --no-mirror keeps it"
                    + " local only.")
    boolean mirror;

    @Option(names = "--dry-run", description = "Read-only: report what would change, change nothing.")
    boolean dryRun;

    @Option(
            names = "--rerun",
            description = "Run every cacheable task again without reusing its stored target (each reports FORCED);"
                    + " the new results replace the stored ones.")
    boolean rerun;

    @Option(
            names = "--sandbox",
            description = "Run against an in-process AWS stand-in and a local S3, seeded from the"
                    + " manifest: no AWS account needed.")
    boolean sandbox;

    @Option(
            names = "--latency-model",
            defaultValue = "off",
            description = "With --sandbox: off, default (50 ms a call, 2 s a provision or stack operation, 20 calls"
                    + " a second per account, region and service) or a profile file of key=value lines (call-ms,"
                    + " provision-ms, stack-ms, rate-per-second, burst) (default: ${DEFAULT-VALUE}).")
    String latencyModel;

    @Option(
            names = "--repeat",
            defaultValue = "1",
            description = "Deploy this many times in a row (the sandbox"
                    + " keeps its state between them; default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(
            names = "--output",
            defaultValue = "text",
            description = "text or json (json prints the run report to" + " stdout; progress goes to stderr).")
    String output;

    @Option(
            names = "--least-privilege",
            description = "The PuppetRoles are least-privilege even if the config's puppet_role_permissions says"
                    + " administrator: refuse launches that have no launch-role constraint.")
    boolean leastPrivilege;

    @Option(
            names = "--keep-runs",
            defaultValue = "" + RunRetention.DEFAULT_KEEP,
            description = "Run journals (runs/<id>/ in the cache dir) to keep, this run's included; older ones are"
                    + " deleted after the run (default: ${DEFAULT-VALUE}).")
    int keepRuns;

    @Mixin
    CacheIndexOptions indexKey = new CacheIndexOptions();

    @Mixin
    TrustUnindexedOption trustUnindexed = new TrustUnindexedOption();

    @Mixin
    AwsOptions aws = new AwsOptions();

    @Mixin
    SingleAccountOption single = new SingleAccountOption();

    @Override
    public Integer call() throws Exception {
        if (!output.equals("text") && !output.equals("json")) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "--output must be text or json, got '" + output + "'");
        }
        if (workers < 1 || repeat < 1 || keepRuns < 1) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "--workers, --repeat and --keep-runs must be at least 1");
        }
        if (rerun && dryRun) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this),
                    "--rerun and --dry-run together: a dry run changes nothing to re-run");
        }
        if (!Files.isRegularFile(manifest)) {
            System.err.println("manifest not found: " + manifest + "; give the path to a manifest.yaml");
            return ExitCodes.BAD_INPUT;
        }
        PrintStream progress = output.equals("json") ? System.err : System.out;
        return sandbox ? inSandbox(progress) : inAws(progress);
    }

    private int inAws(PrintStream progress) throws Exception {
        try (AwsClients clients = aws.clients()) {
            String account = aws.puppetAccountId(clients);
            ConfigStore config = aws.configStore(clients, account);
            return run(clients, config, account, aws.homeRegion(), progress);
        }
    }

    private int inSandbox(PrintStream progress) throws Exception {
        String account = aws.puppetAccountId != null ? aws.puppetAccountId : "111111111111";
        String home = aws.homeRegion();
        LatencyModel model;
        try {
            model = LatencyModel.parse(latencyModel);
        } catch (IllegalArgumentException e) {
            System.err.println("--latency-model: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        try (Sandbox box = Sandbox.forManifest(manifest, account, home)) {
            box.latencyModel(model); // after seeding: the admin's set-up is not what is measured
            progress.println("sandbox: AWS stand-in at " + box.standIn().endpoint() + ", local S3 for the cache;"
                    + " hub " + account + " " + home + " seeded from " + manifest);
            return run(box.clients(), new SsmConfigStore(box.clients().ssm(account, home)), account, home, progress);
        }
    }

    private int run(AwsClients clients, ConfigStore config, String account, String home, PrintStream progress)
            throws Exception {
        int exit = ExitCodes.OK;
        for (int i = 1; i <= repeat; i++) {
            if (repeat > 1) {
                progress.println("== deploy " + i + " of " + repeat + " ==");
            }
            Deployment deployment = new Deployment(clients, config, progress::println)
                    .leastPrivilege(leastPrivilege)
                    .cacheIndex(indexKey.key, trustUnindexed.trusted)
                    .singleAccount(single.accountId);
            // Ctrl-C: cancel the run, then hold the JVM until the cache of what finished is saved (two minutes at
            // most).
            CountDownLatch finished = new CountDownLatch(1);
            Thread hook = new Thread(
                    () -> {
                        deployment.cancel();
                        try {
                            finished.await(2, TimeUnit.MINUTES);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "puppet-cancel");
            Runtime.getRuntime().addShutdownHook(hook);
            DeployResult result;
            try {
                result = deployment.deploy(
                        new DeployRequest(
                                        manifest,
                                        account,
                                        home,
                                        cache.cacheDir,
                                        reportDir != null ? reportDir : cache.cacheDir,
                                        workers,
                                        mirror,
                                        dryRun,
                                        ownerName(),
                                        keepRuns,
                                        null)
                                .forcing(rerun ? "re-run requested (--rerun)" : null),
                        new ProgressListener(progress, System.console() != null && output.equals("text")));
            } finally {
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already shutting down (Ctrl-C); the hook is running and now returns
                }
            }
            summary(progress, result);
            if (output.equals("json")) {
                System.out.println(Files.readString(result.report()));
            }
            exit = exitStatus(result);
            if (exit == ExitCodes.CACHE_NOT_SAVED) {
                System.err.println("deployed, but " + result.cacheSaveWarning() + " (exit " + exit + ")");
            }
        }
        return exit;
    }

    /**
     * The run's own status; a successful run whose cache save failed exits {@link ExitCodes#CACHE_NOT_SAVED}. Task
     * failures, bad input and a cancel beat a failed save (the warning is still in the log and the report).
     */
    static int exitStatus(DeployResult result) {
        int run = result.summary().outcome().exitStatus();
        return run == ExitCodes.OK && result.cacheSaveWarning() != null ? ExitCodes.CACHE_NOT_SAVED : run;
    }

    /** Who holds the cache lease while this process saves: shown to a build that has to wait for it. */
    static String ownerName() {
        String host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        return "puppet-cli@" + host + ":" + ProcessHandle.current().pid();
    }

    /**
     * Why the executed tasks ran, e.g. {@code " executed: 9 no target, 3 parameters changed, 5 not cacheable;"}: the
     * miss reasons in their report order, then the tasks that run every run; empty when nothing executed.
     */
    static String whyExecuted(RunSummary s) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (MissReason r : MissReason.values()) {
            counts.put(r.label(), 0);
        }
        counts.put("not cacheable", 0);
        s.tasks().stream()
                .filter(t -> t.status() == TaskStatus.EXECUTED)
                .forEach(t -> counts.merge(
                        t.miss() != null ? t.miss().reason().label() : t.cacheable() ? "unknown" : "not cacheable",
                        1,
                        Integer::sum));
        String parts = counts.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        return parts.isEmpty() ? "" : " executed: " + parts + ";";
    }

    static void summary(PrintStream out, DeployResult result) {
        RunSummary s = result.summary();
        long cacheable = s.tasks().stream().filter(t -> t.cacheable()).count();
        int cached = s.count(TaskStatus.CACHED);
        out.println(String.format(
                Locale.ROOT,
                "%s: %d executed, %d cached, %d failed, %d skipped in %.1f s;%s cache hit rate %s (%d of %d cacheable);"
                        + " caching %s; report %s",
                s.outcome(),
                s.count(TaskStatus.EXECUTED),
                cached,
                s.count(TaskStatus.FAILED),
                s.count(TaskStatus.SKIPPED),
                s.wallMillis() / 1000.0,
                whyExecuted(s),
                cacheable == 0 ? "n/a" : Math.round(100.0 * cached / cacheable) + "%",
                cached,
                cacheable,
                result.cachingEnabled() ? "enabled" : "disabled",
                result.report()));
    }
}
