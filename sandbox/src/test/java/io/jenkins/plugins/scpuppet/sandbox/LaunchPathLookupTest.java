package io.jenkins.plugins.scpuppet.sandbox;

import static io.jenkins.plugins.scpuppet.sandbox.SandboxDeploys.HOME;
import static io.jenkins.plugins.scpuppet.sandbox.SandboxDeploys.HUB;
import static io.jenkins.plugins.scpuppet.sandbox.SandboxDeploys.deploy;
import static io.jenkins.plugins.scpuppet.sandbox.SandboxDeploys.failures;
import static io.jenkins.plugins.scpuppet.sandbox.SandboxDeploys.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scpuppet.engine.RunOutcome;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launch's artifact-parameters task and its provision both need the launch path: a run looks it up once per
 * account, region and product, which saves a ListLaunchPaths call per launch target against AWS's rate limits.
 */
class LaunchPathLookupTest {
    @TempDir
    Path cache;

    @Test
    void shouldLookUpEachLaunchPathOnceARun() throws Exception {
        try (Sandbox box = Sandbox.forManifest(manifest("demo"), HUB, HOME)) {
            RunSummary run = deploy(box, manifest("demo"), cache);

            assertThat(run.outcome()).as(failures(run)).isEqualTo(RunOutcome.SUCCESS);
            Map<String, Long> calls = box.standIn().callsPerKeyAndOperation();
            long provisions = total(calls, "ProvisionProduct");
            assertThat(provisions).isPositive();
            assertThat(total(calls, "DescribeProvisioningParameters")).isEqualTo(provisions);
            assertThat(total(calls, "ListLaunchPaths")).isEqualTo(provisions);
        }
    }

    private static long total(Map<String, Long> calls, String operation) {
        return calls.entrySet().stream()
                .filter(e -> e.getKey().endsWith(" " + operation))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }
}
