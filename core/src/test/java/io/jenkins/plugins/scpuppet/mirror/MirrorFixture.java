package io.jenkins.plugins.scpuppet.mirror;

import io.jenkins.plugins.scpuppet.engine.Engine;
import io.jenkins.plugins.scpuppet.engine.RetryBackoff;
import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.RunOptions;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskFamily;
import io.jenkins.plugins.scpuppet.engine.TaskOutcome;
import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A mirror on a real S3 server (S3Proxy) on 127.0.0.1, and a small task graph whose targets it mirrors. */
abstract class MirrorFixture {
    record Fam(String name, boolean cacheable) implements TaskFamily {}

    @TempDir
    Path tmp;

    LocalS3 s3;
    CacheMirror mirror;

    @BeforeEach
    void start() throws Exception {
        s3 = new LocalS3();
        mirror = new CacheMirror(
                s3.store(),
                MirrorOptions.DEFAULT.withLeaseTimeout(Duration.ZERO, false),
                Clock.systemUTC(),
                s3.signer());
    }

    @AfterEach
    void stop() throws Exception {
        mirror.close();
        s3.close();
    }

    /** 40 cacheable tasks, each required by a non-cacheable one. */
    static List<TaskSpec> dag() {
        List<TaskSpec> roots = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            TaskSpec cached = TaskSpec.builder(new Fam("Params", true))
                    .param("n", "p" + i)
                    .build();
            roots.add(TaskSpec.builder(new Fam("Provision", false))
                    .param("n", "p" + i)
                    .requires(cached)
                    .build());
        }
        return roots;
    }

    static RunSummary run(Path cache) throws Exception {
        return Engine.run(
                dag(), RunOptions.defaults(cache).withWorkers(4).withBackoff(RetryBackoff.NONE), RunListener.NONE);
    }

    static long executedCacheable(RunSummary s) {
        return s.tasks().stream()
                .filter(TaskOutcome::cacheable)
                .filter(t -> t.status() == TaskStatus.EXECUTED)
                .count();
    }
}
