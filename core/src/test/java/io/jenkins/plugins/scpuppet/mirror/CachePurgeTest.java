package io.jenkins.plugins.scpuppet.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scpuppet.engine.Engine;
import io.jenkins.plugins.scpuppet.engine.RetryBackoff;
import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.RunOptions;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Purges, whole or by the stored task graph, against a real S3 server (S3Proxy) on 127.0.0.1. */
class CachePurgeTest extends MirrorFixture {
    @Test
    void shouldPurgeEverythingAndMakeTheNextRestoreEmptyTheWorkspace() throws Exception {
        Path ws = tmp.resolve("ws");
        run(ws);
        mirror.save(ws, "b1");

        MirrorResult dry = mirror.purgeAll(true);
        MirrorResult purged = mirror.purgeAll(false);
        MirrorResult restored = mirror.restore(ws);
        RunSummary after = run(ws);

        assertThat(dry.messages()).hasSize(41);
        assertThat(purged.transferred()).isEqualTo(41);
        assertThat(s3.store().list("output/")).containsExactly(CacheKeys.INDEX); // the empty index that says so
        assertThat(restored.removedLocally()).isEqualTo(40);
        assertThat(executedCacheable(after)).isEqualTo(40);
        // The restore recorded what it removed: the run says PURGED, not NO_TARGET, and consumes the record.
        assertThat(after.tasks().stream()
                        .filter(t -> t.cacheable())
                        .map(t -> t.miss())
                        .distinct())
                .containsExactly(io.jenkins.plugins.scpuppet.engine.CacheMiss.PURGED);
        assertThat(ws.resolve(io.jenkins.plugins.scpuppet.engine.PurgeRecord.FILE))
                .doesNotExist();
    }

    @Test
    void shouldPurgeObjectsNoIndexListsToo() throws Exception {
        Path ws = tmp.resolve("ws");
        run(ws);
        mirror.save(ws, "b1");
        // Written around the mirror: by aws s3 sync, or by a save cut before it published its index.
        s3.store().put("output/Foreign/account_id=1/x.json", "{}".getBytes(StandardCharsets.UTF_8));
        s3.store().put("output/Params/n=orphan.json", "{}".getBytes(StandardCharsets.UTF_8));

        MirrorResult purged = mirror.purgeAll(false);

        assertThat(s3.store().list("output/")).containsExactly(CacheKeys.INDEX);
        assertThat(purged.transferred()).isEqualTo(40 + 3); // the indexed targets, then the two strays and the index
    }

    @Test
    void shouldPurgeEverythingEvenWhenTheIndexIsDamaged() throws Exception {
        Path ws = tmp.resolve("ws");
        run(ws);
        mirror.save(ws, "b1");
        s3.store().put(CacheKeys.INDEX, "{not json".getBytes(StandardCharsets.UTF_8));

        MirrorResult purged = mirror.purgeAll(false);

        assertThat(purged.transferred()).isEqualTo(41);
        assertThat(s3.store().list("output/")).containsExactly(CacheKeys.INDEX);
        assertThat(mirror.index().entries()).isEmpty();
    }

    @Test
    void shouldPurgeOneTaskWithItsDependentsUsingTheStoredGraph() throws Exception {
        Path ws = tmp.resolve("ws");
        TaskSpec base =
                TaskSpec.builder(new Fam("Share", true)).param("n", "base").build();
        TaskSpec mid = TaskSpec.builder(new Fam("Accept", true))
                .param("n", "mid")
                .requires(base)
                .build();
        TaskSpec top = TaskSpec.builder(new Fam("Params", true))
                .param("n", "top")
                .requires(mid)
                .build();
        TaskSpec other =
                TaskSpec.builder(new Fam("Params", true)).param("n", "other").build();
        RunSummary summary = Engine.run(List.of(top, other), RunOptions.defaults(ws), RunListener.NONE);
        mirror.save(ws, "b1");
        mirror.publishGraphOf(summary);

        List<String> keys = mirror.targetsOfTask("Accept(", true);
        MirrorResult purged = mirror.purgeKeys(keys, false);

        assertThat(keys).containsExactlyInAnyOrder("output/Accept/n=mid.json", "output/Params/n=top.json");
        assertThat(purged.transferred()).isEqualTo(2);
        assertThat(s3.store().list("output/Share/")).hasSize(1);
        assertThat(mirror.index().entries()).containsOnlyKeys("output/Share/n=base.json", "output/Params/n=other.json");
        assertThatThrownBy(() -> mirror.targetsOfTask("Params(", true))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'Params(' matches 2 tasks; be more specific");
        assertThatThrownBy(() -> mirror.targetsOfTask("Nothing(", true)).hasMessage("no task matches 'Nothing('");
    }

    @Test
    void shouldRefuseToPickATaskWithoutAStoredGraph() throws Exception {
        Path ws = tmp.resolve("ws");
        run(ws);
        mirror.save(ws, "b1");

        assertThatThrownBy(() -> mirror.targetsOfTask("Params(", true))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("no task graph stored with the cache yet");
    }

    @Test
    void shouldRefuseASelectivePurgeTheGraphCannotNameBeforeDeletingAnything() throws Exception {
        Path ws = tmp.resolve("ws");
        run(ws);
        mirror.save(ws, "b1"); // no graph published

        // The one purge use case behind the CLI and puppetPurgeCache: a refusal is its own type, so callers tell it
        // from a failed delete.
        assertThatThrownBy(() -> mirror.purge(new CachePurge.Selection("Params(", true, false), false))
                .isInstanceOf(CachePurge.Refused.class)
                .hasMessageStartingWith("no task graph stored with the cache yet");
        assertThatThrownBy(() -> mirror.purge(new CachePurge.Selection(null, false, true), false))
                .isInstanceOf(CachePurge.Refused.class)
                .hasMessageContaining("cannot tell what is unused yet");
        assertThat(s3.store().list("output/")).hasSize(41);
        assertThat(mirror.purge(CachePurge.Selection.everything(), false).transferred())
                .isEqualTo(41);
    }

    /** top(cacheable) requires mid(cacheable) requires base(cacheable); run by a non-cacheable root per name. */
    private static List<TaskSpec> chains(List<String> names) {
        List<TaskSpec> roots = new ArrayList<>();
        for (String n : names) {
            TaskSpec base =
                    TaskSpec.builder(new Fam("Share", true)).param("n", n).build();
            TaskSpec mid = TaskSpec.builder(new Fam("Accept", true))
                    .param("n", n)
                    .requires(base)
                    .build();
            TaskSpec top = TaskSpec.builder(new Fam("Params", true))
                    .param("n", n)
                    .requires(mid)
                    .build();
            roots.add(TaskSpec.builder(new Fam("Provision", false))
                    .param("n", n)
                    .requires(top)
                    .build());
        }
        return roots;
    }

    private RunSummary deployChains(Path ws, List<String> names) throws Exception {
        mirror.restore(ws);
        RunSummary run = Engine.run(chains(names), RunOptions.defaults(ws).withWorkers(2), RunListener.NONE);
        mirror.save(ws, "b");
        mirror.publishGraphOf(run);
        return run;
    }

    @Test
    void shouldListAsStaleOnlyTheTargetsOfItemsTheManifestNoLongerHasThenPruneThem() throws Exception {
        deployChains(tmp.resolve("ws1"), List.of("a", "b", "c"));
        // Fully cached: every Params is a hit, so Accept and Share never take part; they are still in use.
        RunSummary cached = deployChains(tmp.resolve("ws2"), List.of("a", "b", "c"));
        assertThat(cached.tasks()).noneMatch(t -> t.key().family().equals("Share"));
        assertThat(mirror.stale()).isEmpty();

        deployChains(tmp.resolve("ws3"), List.of("a", "b")); // item c left the manifest

        assertThat(mirror.stale())
                .containsExactly("output/Accept/n=c.json", "output/Params/n=c.json", "output/Share/n=c.json");
        MirrorResult pruned = mirror.purgeKeys(mirror.stale(), false);
        assertThat(pruned.transferred()).isEqualTo(3);
        assertThat(mirror.index().entries())
                .hasSize(6)
                .noneSatisfy((k, v) -> assertThat(k).contains("n=c"));
        assertThat(mirror.stale()).isEmpty();
    }

    @Test
    void shouldNotCallAnythingStaleThatAFailedRunDidNotReach() throws Exception {
        deployChains(tmp.resolve("ws1"), List.of("a", "b"));
        Path ws = tmp.resolve("ws2");
        mirror.restore(ws);
        TaskSpec failing = TaskSpec.builder(new Fam("Provision", false))
                .param("n", "x")
                .work(ctx -> {
                    throw new IllegalStateException("boom");
                })
                .build();
        RunSummary failed =
                Engine.run(List.of(failing), RunOptions.defaults(ws).withBackoff(RetryBackoff.NONE), RunListener.NONE);
        mirror.publishGraphOf(failed);

        // A run that stopped short proves nothing unused: its graph keeps everything the one before knew.
        assertThat(mirror.stale()).isEmpty();
        assertThat(mirror.graph().find("Share(")).hasSize(2);
    }

    @Test
    void shouldRefuseToNameStaleTargetsUntilEveryCacheHitsRequirementsAreKnown() throws Exception {
        Path first = tmp.resolve("ws1");
        Engine.run(chains(List.of("a")), RunOptions.defaults(first), RunListener.NONE);
        mirror.save(first, "b1"); // a cache filled without a graph (an older tool, or aws s3 sync)

        deployChains(tmp.resolve("ws2"), List.of("a")); // Params(a) is a hit whose requirements nobody recorded

        assertThatThrownBy(mirror::stale)
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("succeeds");
        mirror.purgeAll(false); // the way out: start the cache afresh
        deployChains(tmp.resolve("ws3"), List.of("a"));
        assertThat(mirror.stale()).isEmpty();
    }
}
