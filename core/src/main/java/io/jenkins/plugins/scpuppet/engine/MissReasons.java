package io.jenkins.plugins.scpuppet.engine;

import java.util.Set;

/** Turns what the scheduler knows about a cacheable task that must execute into its {@link CacheMiss}. */
final class MissReasons {
    private final RunOptions options;
    private final Set<String> purged;

    MissReasons(RunOptions options) {
        this.options = options;
        // Read once per run, and only when targets are looked at: a run without a record pays one failed open.
        this.purged =
                options.cachingEnabled() && options.forced() == null ? PurgeRecord.load(options.cacheRoot()) : Set.of();
    }

    /** Whether a cacheable task's target is looked at at all. */
    boolean checks() {
        return options.cachingEnabled() && options.forced() == null;
    }

    /** Why a cacheable task runs without its target being read. */
    CacheMiss unchecked() {
        return options.forced() != null ? CacheMiss.forced(options.forced()) : CacheMiss.CACHING_DISABLED;
    }

    /** Why the read target is not a hit; {@code target} is its path relative to the cache root. */
    CacheMiss of(TargetRead read, String target) {
        if (read instanceof TargetRead.Invalid invalid) {
            return invalid.miss();
        }
        return purged.contains(target) ? CacheMiss.PURGED : CacheMiss.NO_TARGET;
    }

    /** After the run: the record has been consulted. */
    void consumed() {
        if (!purged.isEmpty() && options.writeTargets()) {
            PurgeRecord.clear(options.cacheRoot());
        }
    }
}
