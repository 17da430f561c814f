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
 * What a run looks up once instead of in every task that needs it, saving calls against AWS's rate limits: a launch
 * path (the artifact-parameters task and the provision both need it), the accounts a hub portfolio is shared with
 * (every share task of the portfolio needs them), and a spoke's imported portfolios and their products (every launch
 * in the spoke needs them).
 */
class RunLookupsTest {
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

    @Test
    void shouldListAPortfoliosAccessOnceARun() throws Exception {
        try (Sandbox box = Sandbox.forManifest(manifest("demo"), HUB, HOME)) {
            RunSummary run = deploy(box, manifest("demo"), cache);

            assertThat(run.outcome()).as(failures(run)).isEqualTo(RunOutcome.SUCCESS);
            // In eu-west-2 the demo shares two portfolios, one of them with two spokes: three shares, two lists.
            String hub = HUB + "/eu-west-2/servicecatalog ";
            assertThat(box.standIn().callsPerKeyAndOperation())
                    .containsEntry(hub + "CreatePortfolioShare", 3L)
                    .containsEntry(hub + "ListPortfolioAccess", 2L);
        }
    }

    @Test
    void shouldListASpokesImportedPortfoliosAndAPortfoliosProductsOnceForItsLaunches() throws Exception {
        try (Sandbox box = Sandbox.forManifest(manifest("demo"), HUB, HOME)) {
            RunSummary run = deploy(box, manifest("demo"), cache);

            assertThat(run.outcome()).as(failures(run)).isEqualTo(RunOutcome.SUCCESS);
            String spoke = "222222222222/eu-west-1/servicecatalog ";
            Map<String, Long> calls = box.standIn().callsPerKeyAndOperation();
            System.out.println(new java.util.TreeMap<>(calls)
                    .entrySet().stream()
                            .filter(e -> e.getKey().startsWith(spoke))
                            .toList());
        }
    }

    private static long total(Map<String, Long> calls, String operation) {
        return calls.entrySet().stream()
                .filter(e -> e.getKey().endsWith(" " + operation))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }
}
