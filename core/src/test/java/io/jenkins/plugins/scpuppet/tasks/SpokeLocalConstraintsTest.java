package io.jenkins.plugins.scpuppet.tasks;

import static io.jenkins.plugins.scpuppet.engine.Runs.failures;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scpuppet.engine.Engine;
import io.jenkins.plugins.scpuppet.engine.RetryBackoff;
import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.RunOptions;
import io.jenkins.plugins.scpuppet.engine.RunOutcome;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskGraph;
import io.jenkins.plugins.scpuppet.engine.TaskOutcome;
import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import io.jenkins.plugins.scpuppet.manifest.AccountResolver;
import io.jenkins.plugins.scpuppet.manifest.Expander;
import io.jenkins.plugins.scpuppet.manifest.ExpansionOptions;
import io.jenkins.plugins.scpuppet.manifest.ManifestLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two spoke-local-portfolio items over one hub portfolio, with overlapping targets and different launch constraints:
 * the local portfolio of a shared target is created and filled once, but each item's constraints are their own task
 * and both are applied (keyed by target alone, the two tasks would be one and an item's constraints lost).
 */
class SpokeLocalConstraintsTest {
    private static final String FAMILY = "CreateLaunchRoleConstraintsForSpokeLocalPortfolioTask";
    private static final String MANIFEST = """
            schema: puppet-2019-04-01
            accounts:
              - account_id: "111111111111"
                name: hub
                default_region: eu-west-1
                regions_enabled: [eu-west-1]
                tags: [type:hub]
              - account_id: "222222222222"
                name: spoke-prod
                default_region: eu-west-1
                regions_enabled: [eu-west-1]
                tags: [env:prod]
              - account_id: "333333333333"
                name: spoke-dev
                default_region: eu-west-1
                regions_enabled: [eu-west-1]
                tags: [env:prod]
            spoke-local-portfolios:
              team-a:
                portfolio: shared-portfolio
                product_generation_method: copy
                constraints:
                  launch:
                    - products: ".*"
                      roles: ["arn:aws:iam::${AWS::AccountId}:role/RoleA"]
                deploy_to:
                  tags:
                    - tag: env:prod
                      regions: default_region
              team-b:
                portfolio: shared-portfolio
                product_generation_method: copy
                constraints:
                  launch:
                    - products: ".*"
                      roles: ["arn:aws:iam::${AWS::AccountId}:role/RoleB"]
                deploy_to:
                  accounts:
                    - account_id: "222222222222"
                      regions: default_region
            """;

    @TempDir
    Path dir;

    @Test
    void shouldKeepAndRunTheConstraintTaskOfEachItemOnASharedTarget() throws Exception {
        FakeOperations ops = new FakeOperations(DemoFixture.PUPPET);
        List<TaskSpec> roots = roots(ops);

        List<TaskSpec> constraintTasks = TaskGraph.of(roots).tasks().values().stream()
                .filter(t -> t.key().family().equals(FAMILY))
                .toList();
        RunSummary run = Engine.run(
                roots, RunOptions.defaults(dir.resolve("cache")).withBackoff(RetryBackoff.NONE), RunListener.NONE);

        assertThat(run.outcome()).as(failures(run)).isEqualTo(RunOutcome.SUCCESS);
        assertThat(run.tasks())
                .filteredOn(t -> t.key().family().equals(FAMILY))
                .hasSize(3)
                .extracting(TaskOutcome::status)
                .containsOnly(TaskStatus.EXECUTED);
        assertThat(ops.count("ensureLocalPortfolio 222222222222"))
                .as("one local portfolio per target")
                .isEqualTo(1);
        assertThat(ops.calls)
                .filteredOn(c -> c.startsWith("launchConstraints 222222222222 eu-west-1"))
                .hasSize(2)
                .anyMatch(c -> c.contains("arn:aws:iam::222222222222:role/RoleA"))
                .anyMatch(c -> c.contains("arn:aws:iam::222222222222:role/RoleB"));
        assertThat(ops.calls)
                .filteredOn(c -> c.startsWith("launchConstraints 333333333333 eu-west-1"))
                .singleElement()
                .matches(c -> c.contains("role/RoleA"));
        assertThat(constraintTasks)
                .extracting(t -> t.key().parameters().get("account_id"))
                .containsExactlyInAnyOrder("222222222222", "222222222222", "333333333333");
    }

    private List<TaskSpec> roots(FakeOperations ops) throws Exception {
        Path manifest = dir.resolve("manifest.yaml");
        Files.writeString(manifest, MANIFEST);
        var expanded = new Expander(AccountResolver.NONE)
                .expand(
                        new ManifestLoader().load(manifest, DemoFixture.PUPPET),
                        new ExpansionOptions(DemoFixture.PUPPET, "eu-west-1", List.of("eu-west-1")));
        return TaskGraphBuilder.roots(expanded, ops, GraphOptions.DEFAULT);
    }
}
