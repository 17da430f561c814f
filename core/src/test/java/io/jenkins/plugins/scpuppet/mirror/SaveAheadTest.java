package io.jenkins.plugins.scpuppet.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scpuppet.engine.Engine;
import io.jenkins.plugins.scpuppet.engine.RetryBackoff;
import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.RunOptions;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskKey;
import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.S3Error;

/** A run's targets go up to S3 (S3Proxy) as they land; the save after the run finishes that save. */
class SaveAheadTest extends MirrorFixture {

    @Test
    void shouldUploadTargetsWhileTheRunGoesAndPublishTheIndexOnlyAfterIt() throws Exception {
        Path ws = tmp.resolve("ws");
        List<Integer> indexedWhileRunning = new ArrayList<>();
        TaskSpec last = afterTheFirstUpload(
                () -> indexedWhileRunning.add(mirror.index().entries().size()));

        run(ws, List.of(last), mirror.saveAsTargetsLand(ws, "b1"));
        MirrorResult saved = mirror.save(ws, "b1");

        assertThat(indexedWhileRunning)
                .as("a restore meanwhile trusts nothing new")
                .containsExactly(0);
        assertThat(saved.transferred()).isEqualTo(40);
        assertThat(saved.messages()).anyMatch(m -> m.matches("uploaded [1-9][0-9]* of them while the run went on"));
        assertThat(mirror.index().entries()).hasSize(40);
        assertThat(s3.store().get(CacheKeys.LEASE)).as("released").isNull();
        mirror.close(); // as the deploy does: nothing is written once the save released the lease
        assertThat(s3.store().list(SaveJournal.PREFIX))
                .as("no journal left behind")
                .isEmpty();
        mirror = newMirror();
        Path fresh = tmp.resolve("fresh");
        assertThat(mirror.restore(fresh).transferred()).isEqualTo(40);
        RunSummary second = run(fresh);
        assertThat(executedCacheable(second)).isZero();
        assertThat(second.count(TaskStatus.CACHED)).isEqualTo(40);
    }

    @Test
    void shouldTakeNoLeaseAndWriteNothingWhenTheRunWritesNoTarget() throws Exception {
        Path ws = savedOnce();

        RunSummary cached = run(ws, dag(), mirror.saveAsTargetsLand(ws, "b2"));
        MirrorResult again = mirror.save(ws, "b2");

        assertThat(cached.count(TaskStatus.CACHED)).isEqualTo(40);
        assertThat(again.transferred()).isZero();
        assertThat(s3.requests)
                .singleElement()
                .satisfies(r -> assertThat(r.method().name()).isEqualTo("HEAD"));
    }

    @Test
    void shouldSendNothingEarlyWhileAnotherBuildHoldsTheLease() throws Exception {
        Path ws = tmp.resolve("ws");
        Lease other = new Lease(s3.store(), Clock.systemUTC(), "build-A", Duration.ofMinutes(5));
        Lease.Held held = other.tryAcquire(new StringBuilder()).orElseThrow();

        run(ws, dag(), mirror.saveAsTargetsLand(ws, "build-B"));
        MirrorResult skipped = mirror.save(ws, "build-B");
        List<String> written = s3.requests.stream()
                .filter(r ->
                        !r.method().name().equals("GET") && !r.method().name().equals("HEAD"))
                .map(r -> r.method() + " " + r.encodedPath())
                .toList();
        other.release(held);

        assertThat(skipped.skipped()).isTrue();
        assertThat(skipped.messages()).singleElement().asString().contains("held by build-A");
        assertThat(written).as("only tries at the lease").allMatch(w -> w.endsWith("/" + CacheKeys.LEASE));
        assertThat(s3.store().list("output/Params/")).isEmpty();
    }

    @Test
    void shouldReuseWhatWentEarlyWhenTheIndexCouldNotBePublished() throws Exception {
        Path ws = tmp.resolve("ws");
        // A first save publishes an empty index before any upload; the index is refused from then on.
        AtomicInteger indexPuts = new AtomicInteger();
        s3.failWhen = r -> r.method().name().equals("PUT")
                && r.encodedPath().endsWith("/" + CacheKeys.INDEX)
                && indexPuts.incrementAndGet() > 1;
        run(ws, dag(), mirror.saveAsTargetsLand(ws, "b1"));
        assertThatThrownBy(() -> mirror.save(ws, "b1")).hasMessageContaining("injected: connection cut");
        s3.failWhen = r -> false;
        s3.requests.clear();

        MirrorResult next = mirror.save(ws, "b2");

        assertThat(next.transferred()).as("nothing sent twice").isZero();
        assertThat(next.messages()).contains("reused 40 objects an interrupted save had uploaded");
        assertThat(mirror.index().entries()).hasSize(40);
        assertThat(s3.requests)
                .noneMatch(
                        r -> r.method().name().equals("PUT") && r.encodedPath().contains("/output/Params/"));
    }

    @Test
    void shouldLeaveOverwritesToTheSaveAfterTheRunAndTakeNoLeaseForThem() throws Exception {
        Path ws = savedOnce();

        // Caching off: every target is written again, over keys the published index lists.
        Engine.run(
                dag(),
                RunOptions.defaults(ws).withWorkers(4).withCaching(false),
                landing(mirror.saveAsTargetsLand(ws, "b2")));
        List<String> writesDuringTheRun = writes();
        MirrorResult saved = mirror.save(ws, "b2");

        assertThat(writesDuringTheRun).as("no lease, no object").isEmpty();
        assertThat(saved.transferred()).isEqualTo(40);
        assertThat(saved.messages()).noneMatch(m -> m.contains("while the run went on"));
        assertThat(mirror.restore(tmp.resolve("fresh")).dropped()).isEmpty();
    }

    @Test
    void shouldSaveAfterTheRunWhenTheEarlySaveCannotBegin() throws Exception {
        assertThat(firstSaveCutAfterTenUploads()).isNotEmpty();
        // The early save cannot drop that journal (its first DeleteObjects fails): nothing may go early.
        AtomicInteger deletes = new AtomicInteger();
        s3.failWhen = r -> r.method().name().equals("POST")
                && r.rawQueryParameters().containsKey("delete")
                && deletes.incrementAndGet() == 1;
        Path ws = tmp.resolve("ws");
        s3.requests.clear();

        run(ws, dag(), mirror.saveAsTargetsLand(ws, "b2"));
        MirrorResult saved = mirror.save(ws, "b2");

        assertThat(deletes.get())
                .as("the early save's DeleteObjects, then the save's")
                .isEqualTo(2);
        assertThat(saved.messages()).noneMatch(m -> m.contains("while the run went on"));
        assertThat(saved.transferred()).isEqualTo(40);
        assertThat(mirror.index().entries()).hasSize(40);
        assertThat(s3.store().list(SaveJournal.PREFIX)).isEmpty();
        assertThat(s3.store().get(CacheKeys.LEASE)).isNull();
    }

    @Test
    void shouldSendNothingEarlyWhenS3SaysItCouldNotDeleteTheOldJournal() throws Exception {
        List<String> oldChunks = firstSaveCutAfterTenUploads();
        assertThat(oldChunks).isNotEmpty();
        // Real S3 may answer DeleteObjects 200 and list keys it could not delete (S3Proxy never does): the first time,
        // every chunk is reported undeleted.
        AtomicInteger answers = new AtomicInteger();
        s3.answerWith = response -> response instanceof DeleteObjectsResponse d && answers.incrementAndGet() == 1
                ? d.toBuilder()
                        .errors(oldChunks.stream()
                                .map(k -> S3Error.builder()
                                        .key(k)
                                        .code("InternalError")
                                        .build())
                                .toList())
                        .build()
                : response;
        Path ws = tmp.resolve("ws");

        run(ws, dag(), mirror.saveAsTargetsLand(ws, "b2"));
        MirrorResult saved = mirror.save(ws, "b2");

        assertThat(answers.get()).as("the early save asked").isGreaterThanOrEqualTo(1);
        assertThat(saved.messages()).noneMatch(m -> m.contains("while the run went on"));
        assertThat(saved.transferred()).isEqualTo(40);
        assertThat(mirror.index().entries()).hasSize(40);
        assertThat(s3.store().get(CacheKeys.LEASE)).isNull();
    }

    @Test
    void shouldSaveAnewUnderANewLeaseWhenTheRunLostItsLease() throws Exception {
        Path ws = tmp.resolve("ws");
        // Another build takes the lease over (as after our renewals failed past its TTL), then dies: it lapses at once.
        TaskSpec last = afterTheFirstUpload(() -> s3.store()
                .put(CacheKeys.LEASE, "{\"owner\":\"build-X\",\"ttlMillis\":0}".getBytes(StandardCharsets.UTF_8)));

        run(ws, List.of(last), mirror.saveAsTargetsLand(ws, "b1"));
        MirrorResult saved = mirror.save(ws, "b1");

        mirror.close();
        mirror = newMirror();

        assertThat(saved.skipped()).isFalse();
        assertThat(saved.messages()).noneMatch(m -> m.contains("while the run went on"));
        assertThat(s3.store().list(SaveJournal.PREFIX))
                .as("the lost save's claims are not written")
                .isEmpty();
        assertThat(mirror.index().entries()).hasSize(40);
        Path fresh = tmp.resolve("fresh");
        assertThat(mirror.restore(fresh).transferred()).isEqualTo(40);
        assertThat(executedCacheable(run(fresh))).isZero();
        assertThat(s3.store().get(CacheKeys.LEASE)).isNull();
    }

    /**
     * The early save's lease PUT lands but its answer is lost: the save after the run takes back the lease it wrote
     * (its nonce) at once, instead of waiting for it to lapse or skipping the save.
     */
    @Test
    void shouldTakeBackTheLeaseWhoseWriteLandedButWhoseAnswerWasLost() throws Exception {
        AtomicInteger leasePuts = new AtomicInteger();
        s3.loseAnswerWhen = r -> r.method().name().equals("PUT")
                && r.encodedPath().endsWith("/" + CacheKeys.LEASE)
                && leasePuts.incrementAndGet() == 1;
        Path ws = tmp.resolve("ws");

        run(ws, dag(), mirror.saveAsTargetsLand(ws, "b1"));
        MirrorResult saved = mirror.save(ws, "b1");

        assertThat(leasePuts.get())
                .as("the lost write, then the one that took it back")
                .isGreaterThanOrEqualTo(2);
        assertThat(saved.transferred()).isEqualTo(40);
        assertThat(mirror.index().entries()).hasSize(40);
        assertThat(s3.store().get(CacheKeys.LEASE)).as("released").isNull();
    }

    @Test
    void shouldKeepTheJournalAndReleaseTheLeaseWhenTheDeployEndsWithoutItsSave() throws Exception {
        Path ws = tmp.resolve("ws");
        Consumer<Path> landed = mirror.saveAsTargetsLand(ws, "b1");
        run(ws, List.of(afterTheFirstUpload(() -> {})), landed);

        mirror.close(); // as a deploy that died after its run
        List<String> journal = s3.store().list(SaveJournal.PREFIX);
        mirror = newMirror();
        MirrorResult next = mirror.save(ws, "b2");

        assertThat(journal).as("what went up is claimed for the next save").isNotEmpty();
        assertThat(next.skipped()).as("the lease was released").isFalse();
        assertThat(reusedIn(next))
                .as("at least the upload S3 answered before the close")
                .isPositive();
        assertThat(next.transferred() + reusedIn(next)).isEqualTo(40);
        assertThat(mirror.index().entries()).hasSize(40);
    }

    /** A task after the whole DAG that does {@code then} once S3 answered a target's upload, the run still going. */
    private TaskSpec afterTheFirstUpload(ThrowingRunnable then) {
        CountDownLatch firstTargetUp = new CountDownLatch(1);
        s3.loseAnswerWhen = r -> {
            if (r.method().name().equals("PUT") && r.encodedPath().contains("/output/Params/")) {
                firstTargetUp.countDown();
            }
            return false;
        };
        TaskSpec.Builder last = TaskSpec.builder(new Fam("Last", false));
        dag().forEach(last::requires);
        return last.work(ctx -> {
                    assertThat(firstTargetUp.await(60, TimeUnit.SECONDS)).isTrue();
                    then.run();
                    return ctx.emptyResult();
                })
                .build();
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /**
     * A first save (build b1) cut after 10 uploads: it leaves an empty signed index and the journal chunks it returns.
     * Faults are off again afterwards.
     */
    private List<String> firstSaveCutAfterTenUploads() throws Exception {
        Path first = tmp.resolve("first");
        run(first);
        AtomicInteger puts = new AtomicInteger();
        s3.failWhen = r -> r.method().name().equals("PUT")
                && r.encodedPath().contains("/output/Params/")
                && puts.incrementAndGet() > 10;
        assertThatThrownBy(() -> mirror.save(first, "b1")).hasMessageContaining("injected: connection cut");
        s3.failWhen = r -> false;
        return s3.store().list(SaveJournal.PREFIX);
    }

    /** A workspace whose run was saved by build b1, the requests so far forgotten. */
    private Path savedOnce() throws Exception {
        Path ws = tmp.resolve("ws");
        run(ws);
        mirror.save(ws, "b1");
        s3.requests.clear();
        return ws;
    }

    private CacheMirror newMirror() {
        return new CacheMirror(
                s3.store(),
                MirrorOptions.DEFAULT.withLeaseTimeout(Duration.ZERO, false),
                Clock.systemUTC(),
                s3.signer());
    }

    private static int reusedIn(MirrorResult r) {
        return r.messages().stream()
                .filter(m -> m.startsWith("reused "))
                .mapToInt(m -> Integer.parseInt(m.split(" ")[1]))
                .sum();
    }

    private List<String> writes() {
        return s3.requests.stream()
                .filter(r ->
                        !r.method().name().equals("GET") && !r.method().name().equals("HEAD"))
                .map(r -> r.method() + " " + r.encodedPath())
                .toList();
    }

    private static RunListener landing(Consumer<Path> landed) {
        return new RunListener() {
            @Override
            public void taskExecuted(TaskKey task, long durationMillis, int attempts, Path target) {
                if (target != null) {
                    landed.accept(target);
                }
            }
        };
    }

    /** Runs {@code roots}, handing each target written to {@code landed}, as the deploy does. */
    private static RunSummary run(Path cache, List<TaskSpec> roots, Consumer<Path> landed) throws Exception {
        return Engine.run(
                roots, RunOptions.defaults(cache).withWorkers(4).withBackoff(RetryBackoff.NONE), landing(landed));
    }
}
