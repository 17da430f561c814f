package io.jenkins.plugins.scpuppet.cli;

import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.mirror.CacheBucket;
import io.jenkins.plugins.scpuppet.mirror.CacheKeys;
import io.jenkins.plugins.scpuppet.mirror.CacheMirror;
import io.jenkins.plugins.scpuppet.mirror.CachePurge;
import io.jenkins.plugins.scpuppet.mirror.KmsIndexSigner;
import io.jenkins.plugins.scpuppet.mirror.MirrorOptions;
import io.jenkins.plugins.scpuppet.mirror.MirrorResult;
import io.jenkins.plugins.scpuppet.mirror.S3Store;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cache ls}, {@code purge}, {@code restore} and {@code save}: the S3 side of the cache. Restore and save are
 * what {@code deploy} does before and after its run, for scripts that deploy with {@code --no-mirror} or want a look
 * at the published targets.
 */
@Command(
        name = "cache",
        description = "List, purge, restore or save the cache in S3.",
        subcommands = {
            CacheCommands.Ls.class,
            CacheCommands.Purge.class,
            CacheCommands.Restore.class,
            CacheCommands.Save.class
        })
final class CacheCommands {
    private CacheCommands() {}

    static S3Store store(AwsClients clients, AwsOptions aws) {
        String account = aws.puppetAccountId(clients);
        return new S3Store(clients.s3(aws.homeRegion()), CacheBucket.of(account, aws.homeRegion()));
    }

    /** What one cache command does with the puppet account's bucket; returns the exit status. */
    interface MirrorWork {
        int run(CacheMirror mirror, S3Store store) throws Exception;
    }

    /**
     * Opens the clients, the bucket and a mirror for one command, and closes them after it; the index is signed and
     * verified with {@code indexKey} in the home region.
     */
    static int withMirror(AwsOptions aws, CacheIndexOptions indexKey, MirrorOptions options, MirrorWork work)
            throws Exception {
        try (AwsClients clients = aws.clients()) {
            S3Store store = store(clients, aws);
            KmsIndexSigner signer = new KmsIndexSigner(clients.kms(aws.homeRegion()), indexKey.key);
            try (CacheMirror mirror = new CacheMirror(store, options, Clock.systemUTC(), signer)) {
                return work.run(mirror, store);
            }
        }
    }

    @Command(
            name = "restore",
            description = "Copy the published cache into the cache dir: only objects whose digest matches the signed"
                    + " index; local targets the index no longer lists are removed.",
            exitCodeListHeading = "%nExit statuses:%n",
            exitCodeList = {
                "0:restored",
                "3:AWS unreachable or refusing",
                "6:refused: the bucket holds objects but no authenticated index (nothing restored)"
            })
    static final class Restore implements Callable<Integer> {
        @Mixin
        CacheDirOption cache = new CacheDirOption();

        @Mixin
        CacheIndexOptions indexKey = new CacheIndexOptions();

        @Mixin
        TrustUnindexedOption trustUnindexed = new TrustUnindexedOption();

        @Mixin
        AwsOptions aws = new AwsOptions();

        @Override
        public Integer call() throws Exception {
            return withMirror(aws, indexKey, MirrorOptions.DEFAULT, (mirror, store) -> {
                MirrorResult r = mirror.restore(cache.cacheDir, trustUnindexed.trusted);
                r.messages().forEach(System.err::println);
                r.dropped().forEach(d -> System.err.println("dropped " + d));
                r.refused().forEach(k -> System.err.println("refused unsafe key " + k));
                System.out.println(
                        r.describe("restored s3://" + store.bucket().name() + "/output into " + cache.cacheDir));
                return ExitCodes.OK;
            });
        }
    }

    @Command(
            name = "save",
            description = "Upload the targets that differ from the published cache, then publish the new index;"
                    + " holds the bucket's lease meanwhile. Objects other saves published are kept.")
    static final class Save implements Callable<Integer> {
        @Mixin
        CacheDirOption cache = new CacheDirOption();

        @Mixin
        CacheIndexOptions indexKey = new CacheIndexOptions();

        @Option(
                names = "--lease-wait",
                defaultValue = "300",
                paramLabel = "SECONDS",
                description = "How long to wait for another build's lease before giving up with exit status 4"
                        + " (default: ${DEFAULT-VALUE}).")
        long leaseWaitSeconds;

        @Mixin
        AwsOptions aws = new AwsOptions();

        @Override
        public Integer call() throws Exception {
            MirrorOptions options = MirrorOptions.DEFAULT.withLeaseTimeout(Duration.ofSeconds(leaseWaitSeconds), false);
            return withMirror(aws, indexKey, options, (mirror, store) -> {
                MirrorResult r = mirror.save(cache.cacheDir, DeployCommand.ownerName());
                if (r.skipped()) {
                    r.messages().forEach(System.err::println); // says whose lease, and until when
                    return ExitCodes.CACHE_BUSY;
                }
                System.out.println(r.describe(
                        "saved " + cache.cacheDir + " to s3://" + store.bucket().name() + "/output"));
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "ls", description = "List the cached targets in s3://sc-puppet-caching-bucket-<account>-<region>.")
    static final class Ls implements Callable<Integer> {
        @Mixin
        AwsOptions aws = new AwsOptions();

        @Mixin
        CacheIndexOptions indexKey = new CacheIndexOptions();

        @Option(
                names = "--stale",
                description = "Only the cached targets no task of the manifest uses any more (by the graph the last"
                        + " successful deploy stored).")
        boolean stale;

        @Override
        public Integer call() throws Exception {
            return withMirror(aws, indexKey, MirrorOptions.DEFAULT, (mirror, store) -> {
                List<String> keys;
                try {
                    keys = stale ? mirror.stale() : store.list(CacheKeys.PREFIX);
                } catch (IOException noGraph) {
                    System.err.println(noGraph.getMessage());
                    return ExitCodes.BAD_INPUT;
                }
                keys.forEach(System.out::println);
                System.out.println(keys.size() + (stale ? " stale objects" : " objects"));
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "purge", description = "Delete the whole cache, or one task with everything that depends on it.")
    static final class Purge implements Callable<Integer> {
        @Option(names = "--task", description = "A task id (or part of one) from the last run's graph.")
        String task;

        @Option(
                names = "--with-dependents",
                negatable = true,
                defaultValue = "true",
                description = "Also purge every task that depends on it (default: ${DEFAULT-VALUE}).")
        boolean withDependents;

        @Option(names = "--dry-run", description = "List what would be deleted; delete nothing.")
        boolean dryRun;

        @Option(
                names = "--stale",
                description = "Only the cached targets no task of the manifest uses any more (see cache ls --stale).")
        boolean stale;

        @Mixin
        AwsOptions aws = new AwsOptions();

        @Mixin
        CacheIndexOptions indexKey = new CacheIndexOptions();

        @Override
        public Integer call() throws Exception {
            if (stale && task != null) {
                System.err.println("--stale and --task do not go together: choose one");
                return ExitCodes.BAD_INPUT;
            }
            return withMirror(aws, indexKey, MirrorOptions.DEFAULT, (mirror, store) -> {
                MirrorResult r;
                try {
                    r = mirror.purge(new CachePurge.Selection(task, withDependents, stale), dryRun);
                } catch (CachePurge.Refused graphCannotTell) {
                    System.err.println(graphCannotTell.getMessage());
                    return ExitCodes.BAD_INPUT;
                }
                r.messages().forEach(System.out::println);
                System.out.println(dryRun ? "dry run: nothing deleted" : r.transferred() + " objects deleted");
                return ExitCodes.OK;
            });
        }
    }
}
