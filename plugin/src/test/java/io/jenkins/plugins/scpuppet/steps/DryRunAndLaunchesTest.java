package io.jenkins.plugins.scpuppet.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.AbortException;
import io.jenkins.plugins.scpuppet.engine.RunRetention;
import io.jenkins.plugins.scpuppet.launches.DryRunTable;
import io.jenkins.plugins.scpuppet.launches.LaunchList;
import io.jenkins.plugins.scpuppet.sandbox.StandInSeeder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * puppetDeploy's singleAccount, rerun and dryRun, and puppetListLaunches, on the agent side against the AWS stand-in, and the
 * controller's check of the rows they send back.
 */
class DryRunAndLaunchesTest {
    private static final String HUB = StandInFixture.HUB;
    private static final String PROD = "222222222222";
    private static final String DEV = "333333333333";
    private static StandInFixture aws;

    @TempDir
    Path workspace;

    @BeforeAll
    static void startTheStandIn() throws Exception {
        aws = StandInFixture.demo("eu-west-1");
    }

    @AfterAll
    static void stopTheStandIn() {
        aws.close();
    }

    private static DeploySettings deploy(boolean dryRun, String singleAccount) {
        return new DeploySettings("manifest.yaml", 4, ".puppet-cache", false, dryRun, null, null,
                RunRetention.DEFAULT_KEEP, false, singleAccount);
    }

    private DeployOutcome run(DeploySettings settings, TestListener log) throws Exception {
        return new DeployCallable(settings, AgentAws.from(aws.env()), log, "job#1").invoke(workspace.toFile(), null);
    }

    private List<Map<String, String>> listLaunches(TestListener log) throws Exception {
        PuppetListLaunchesStep step = new PuppetListLaunchesStep("manifest.yaml");
        step.setWorkers(4);
        PuppetListLaunchesStep.Execution execution = (PuppetListLaunchesStep.Execution) step.start(null);
        List<List<String>> rows =
                execution.callable(AgentAws.from(aws.env()), log, "job#2").invoke(workspace.toFile(), null);
        return AgentRows.maps("puppetListLaunches", roundTrip(rows), LaunchList.FIELDS);
    }

    /** What remoting does to a result: Java serialization there and back. */
    private static Object roundTrip(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    @Test
    void shouldDeployOnlyTheSingleAccountsTasksPlusTheHubTasksTheyNeed() throws Exception {
        Files.copy(StandInFixture.DEMO, workspace.resolve("manifest.yaml"));

        DeployOutcome outcome = run(deploy(false, DEV), new TestListener());

        assertThat(outcome.exitStatus()).as(outcome.summaryLine()).isZero();
        List<JsonNode> tasks = new ArrayList<>();
        new ObjectMapper().readTree(outcome.reportJson()).path("tasks").forEach(tasks::add);
        assertThat(tasks).isNotEmpty().allSatisfy(t -> assertThat(t.path("parameters").path("account_id").asText(DEV))
                .as("%s", t).isIn(DEV, HUB));
        assertThat(tasks).filteredOn(t -> t.path("family").asText().equals("ProvisionProductTask"))
                .extracting(t -> t.path("parameters").path("launch_name").asText())
                .containsExactlyInAnyOrder("account-baseline", "baseline-vpc");
        assertThat(tasks).filteredOn(t -> t.path("parameters").path("account_id").asText().equals(HUB))
                .as("the hub tasks the account's launches need").isNotEmpty();
        assertThat(outcome.dryRunRows()).as("not a dry run").isNull();
    }

    @Test
    void shouldRunEveryCacheableTaskAgainWithRerunAfterACachedRun() throws Exception {
        Files.copy(StandInFixture.DEMO, workspace.resolve("manifest.yaml"));
        DeployOutcome first = run(deploy(false, null), new TestListener());
        DeployOutcome cached = run(deploy(false, null), new TestListener());
        PuppetDeployStep step = new PuppetDeployStep("manifest.yaml");
        step.setWorkers(4);
        step.setMirror(false);
        step.setRerun(true);

        PuppetDeployStepExecution execution = (PuppetDeployStepExecution) step.start(null);

        DeployOutcome rerun = execution
                .callable(AgentAws.from(aws.env()), new TestListener(), "job#3")
                .invoke(workspace.toFile(), null);

        assertThat(first.exitStatus()).as(first.summaryLine()).isZero();
        assertThat(cached.cached()).as("the second run reuses the cache").isPositive();
        assertThat(rerun.exitStatus()).as(rerun.summaryLine()).isZero();
        assertThat(rerun.cached()).as("nothing reused").isZero();
        assertThat(rerun.executed()).as("as many as the first run").isEqualTo(first.executed());
        List<JsonNode> tasks = new ArrayList<>();
        new ObjectMapper().readTree(rerun.reportJson()).path("tasks").forEach(tasks::add);
        assertThat(tasks)
                .filteredOn(t -> t.path("cacheable").asBoolean())
                .as("every cacheable task is reported FORCED")
                .isNotEmpty()
                .allSatisfy(t -> assertThat(t.path("missReason").asText()).isEqualTo("FORCED"));
    }

    @Test
    void shouldRefuseRerunWithDryRun() {
        PuppetDeployStep step = new PuppetDeployStep("manifest.yaml");
        step.setRerun(true);
        step.setDryRun(true);
        assertThatThrownBy(step::settings)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("puppetDeploy rerun and dryRun together");
        step.setDryRun(false);
        assertThat(step.start(null)).isInstanceOf(PuppetDeployStepExecution.class);
    }

    @Test
    void shouldRefuseASingleAccountThatIsNotTwelveDigitsOrNotTargeted() throws Exception {
        PuppetDeployStep step = new PuppetDeployStep("manifest.yaml");
        step.setSingleAccount("12345");
        assertThatThrownBy(step::settings).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("puppetDeploy singleAccount must be a 12-digit AWS account id, got '12345'");
        step.setSingleAccount(" 333333333333 ");
        assertThat(step.settings().singleAccount()).isEqualTo(DEV);
        step.setSingleAccount("");
        assertThat(step.settings().singleAccount()).as("blank means every account").isNull();

        Files.copy(StandInFixture.DEMO, workspace.resolve("manifest.yaml"));
        assertThatThrownBy(() -> run(deploy(false, "444444444444"), new TestListener()))
                .isExactlyInstanceOf(AbortException.class)
                .hasMessageContaining("444444444444: no launch")
                .hasMessageContaining(DEV);
    }

    @Test
    void shouldListEveryLaunchThenReturnTheChangedVersionAsAnUpdateInTheDryRun() throws Exception {
        Files.copy(StandInFixture.DEMO, workspace.resolve("manifest.yaml"));
        assertThat(run(deploy(false, null), new TestListener()).exitStatus()).isZero();

        TestListener listLog = new TestListener();
        List<Map<String, String>> launches = listLaunches(listLog);

        assertThat(launches).hasSize(7).allSatisfy(l -> {
            assertThat(l.keySet()).containsExactlyElementsOf(LaunchList.FIELDS);
            assertThat(l.get("expected_version")).isEqualTo(l.get("actual_version"));
            assertThat(l).containsEntry("status", "AVAILABLE").containsEntry("active", "True");
            assertThat(l.get("provisioned_product_id")).isNotBlank();
        });
        assertThat(launches.stream().map(l -> l.get("account_id") + "_" + l.get("region")).collect(Collectors.toSet()))
                .as("every account and region of the demo's launches")
                .isEqualTo(Set.of(PROD + "_eu-west-1", PROD + "_eu-west-2", DEV + "_eu-west-2", HUB + "_eu-west-1"));
        assertThat(listLog.log()).contains("[puppet] | account_id   | region    | launch ")
                .contains("[puppet] | 333333333333 | eu-west-2 | baseline-vpc ");

        Path changed = workspace.resolve("manifest.yaml");
        Files.writeString(changed, Files.readString(StandInFixture.DEMO).replace("version: v2", "version: v3"));
        new StandInSeeder(aws.standIn(), HUB, "eu-west-1").seedFor(changed, "eu-west-1");
        TestListener dryLog = new TestListener();
        DeployOutcome dry = run(deploy(true, null), dryLog);
        List<Map<String, String>> rows =
                PuppetDeployStepExecution.dryRunResults((DeployOutcome) roundTrip(dry));

        assertThat(dry.exitStatus()).as(dry.summaryLine()).isZero();
        assertThat(rows).hasSize(7 + 1).allSatisfy(r -> assertThat(r.keySet())
                .containsExactlyElementsOf(DryRunTable.HEADING));
        assertThat(rows).filteredOn(r -> r.get("Result").equals("CHANGE"))
                .extracting(r -> r.get("Launch") + " " + r.get("Account") + " " + r.get("Region") + " "
                        + r.get("Current Version") + "->" + r.get("New Version") + " " + r.get("Notes"))
                .containsExactlyInAnyOrder(
                        "baseline-vpc " + PROD + " eu-west-1 v2->v3 version changes",
                        "baseline-vpc " + PROD + " eu-west-2 v2->v3 version changes",
                        "baseline-vpc " + DEV + " eu-west-2 v2->v3 version changes");
        assertThat(dry.asStepResult("stored", rows)).containsEntry("dryRunResults", rows);
        assertThat(dryLog.log()).contains("[puppet] Results")
                .contains("[puppet] | Result    | Launch ");
        assertThat(listLaunches(new TestListener()))
                .filteredOn(l -> l.get("launch").equals("baseline-vpc"))
                .allSatisfy(l -> assertThat(l.get("actual_version")).as("the dry run changed nothing").isEqualTo("v2"));
    }

    @Test
    void shouldRefuseRowsFromTheAgentThatAreNotShortTextInTheTablesShape() throws Exception {
        List<String> heading = List.of("a", "b");

        assertThat(AgentRows.maps("s", new ArrayList<>(List.of(new ArrayList<>(List.of("1", "2")))), heading))
                .containsExactly(Map.of("a", "1", "b", "2"));
        assertThatThrownBy(() -> AgentRows.maps("s", "rows", heading))
                .hasMessage("s: the agent's answer is not valid (not a list of rows); nothing was returned");
        assertThatThrownBy(() -> AgentRows.maps("s", List.of(List.of("1")), heading))
                .hasMessageContaining("row 1 is not 2 cells");
        assertThatThrownBy(() -> AgentRows.maps("s", List.of(List.of("1", 2)), heading))
                .hasMessageContaining("row 1 b is not text");
        assertThatThrownBy(() -> AgentRows.maps("s", List.of(List.of("1", "x".repeat(4097))), heading))
                .hasMessageContaining("row 1 b is longer than 4096");
        assertThatThrownBy(() -> AgentRows.maps("s", List.of(List.of("1\u001b[31m", "2")), heading))
                .hasMessageContaining("row 1 a holds a control character");
        assertThatThrownBy(() -> AgentRows.maps("s", java.util.Collections.nCopies(100_001, List.of("1", "2")),
                        heading))
                .hasMessageContaining("100001 rows, more than 100000");
    }
}
