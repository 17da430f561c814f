package io.jenkins.plugins.scpuppet.sandbox;

import static io.jenkins.plugins.scpuppet.sandbox.SandboxDeploys.HOME;
import static io.jenkins.plugins.scpuppet.sandbox.SandboxDeploys.HUB;
import static io.jenkins.plugins.scpuppet.sandbox.SandboxDeploys.deploy;
import static io.jenkins.plugins.scpuppet.sandbox.SandboxDeploys.failures;
import static io.jenkins.plugins.scpuppet.sandbox.SandboxDeploys.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scpuppet.engine.RunOutcome;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import io.jenkins.plugins.scpuppet.standin.LatencyModel;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The demo and spoke manifests deploy twice in the sandbox with the latency model off and on (records and stacks in
 * progress for 2 s, 50 ms a call, rate limits): the first run succeeds, the second takes every cacheable task from
 * the cache. With the model on the pacer keeps throttled calls under 5% of calls.
 */
class SandboxLatencyTest {
    @TempDir
    Path cache;

    @ParameterizedTest(name = "{0}, latency model {1}")
    @CsvSource({"demo, off", "demo, default", "spoke, off", "spoke, default"})
    void shouldDeployTwiceWithEveryCacheableTaskCachedTheSecondTime(String name, String model) throws Exception {
        try (Sandbox box = Sandbox.forManifest(manifest(name), HUB, HOME)) {
            box.latencyModel(LatencyModel.parse(model));

            RunSummary first = deploy(box, manifest(name), cache);
            RunSummary second = deploy(box, manifest(name), cache);

            assertThat(first.outcome()).as(failures(first)).isEqualTo(RunOutcome.SUCCESS);
            assertThat(second.outcome()).as(failures(second)).isEqualTo(RunOutcome.SUCCESS);
            assertThat(second.tasks())
                    .filteredOn(t -> t.cacheable())
                    .isNotEmpty()
                    .allMatch(t -> t.status() == TaskStatus.CACHED);
            long calls = box.standIn().allowedCalls() + box.standIn().throttledCalls();
            assertThat(box.standIn().throttledCalls() * 20)
                    .as("throttled calls of %d", calls)
                    .isLessThanOrEqualTo(calls);
        }
    }
}
