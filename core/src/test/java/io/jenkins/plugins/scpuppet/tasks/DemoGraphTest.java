package io.jenkins.plugins.scpuppet.tasks;

import static io.jenkins.plugins.scpuppet.engine.Runs.failures;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.scpuppet.engine.Engine;
import io.jenkins.plugins.scpuppet.engine.RetryBackoff;
import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.RunOptions;
import io.jenkins.plugins.scpuppet.engine.RunOutcome;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskGraph;
import io.jenkins.plugins.scpuppet.engine.TaskOutcome;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import io.jenkins.plugins.scpuppet.manifest.ExpansionJson;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoGraphTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @TempDir
    Path cache;

    private RunOptions options() {
        return RunOptions.defaults(cache).withWorkers(4).withBackoff(RetryBackoff.NONE);
    }

    @Test
    void shouldMatchTheGoldenExpansionAndGraph() throws Exception {
        String expansion = JSON.writeValueAsString(ExpansionJson.of(DemoFixture.expanded())) + "\n";
        String graph = JSON.writeValueAsString(GraphExport.json(
                        TaskGraph.of(DemoFixture.roots(DemoFixture.operations(), GraphOptions.DEFAULT))))
                + "\n";

        Goldens.check(DemoFixture.MANIFESTS.resolve("demo/expanded.golden.json"), expansion);
        Goldens.check(DemoFixture.MANIFESTS.resolve("demo/graph.golden.json"), graph);
    }

    @Test
    void shouldDeployTheDemoThenTakeEveryCacheableTaskFromTheCache() throws Exception {
        FakeOperations ops = DemoFixture.operations();
        RunSummary first = Engine.run(DemoFixture.roots(ops, GraphOptions.DEFAULT), options(), RunListener.NONE);
        long sharesAfterFirst = ops.count("sharePortfolio");
        long provisionsAfterFirst = ops.count("provision ");

        RunSummary second = Engine.run(DemoFixture.roots(ops, GraphOptions.DEFAULT), options(), RunListener.NONE);

        assertThat(first.outcome()).as(failures(first)).isEqualTo(RunOutcome.SUCCESS);
        assertThat(first.count(TaskStatus.CACHED)).isZero();
        assertThat(first.tasks()).filteredOn(TaskOutcome::cacheable).isNotEmpty();
        assertThat(second.outcome()).as(failures(second)).isEqualTo(RunOutcome.SUCCESS);
        assertThat(second.tasks())
                .filteredOn(TaskOutcome::cacheable)
                .isNotEmpty()
                .allMatch(t -> t.status() == TaskStatus.CACHED);
        assertThat(ops.count("sharePortfolio")).isEqualTo(sharesAfterFirst).isEqualTo(5);
        assertThat(ops.count("provision ")).isEqualTo(2 * provisionsAfterFirst);
        assertThat(ops.count("provisioningParameters")).isEqualTo(provisionsAfterFirst);
    }

    @Test
    void shouldProvisionDependentsOnlyAfterWhatTheyDependOn() throws Exception {
        FakeOperations ops = DemoFixture.operations();
        RunSummary run = Engine.run(DemoFixture.roots(ops, GraphOptions.DEFAULT), options(), RunListener.NONE);

        assertThat(run.outcome()).as(failures(run)).isEqualTo(RunOutcome.SUCCESS);
        int lastBaseline = lastIndex(ops.calls, "provision account-baseline");
        int firstVpc = firstIndex(ops.calls, "provision baseline-vpc");
        int lastVpc = lastIndex(ops.calls, "provision baseline-vpc");
        assertThat(lastBaseline).isLessThan(firstVpc);
        assertThat(lastVpc).isLessThan(firstIndex(ops.calls, "provision flow-logs"));
        assertThat(lastVpc).isLessThan(firstIndex(ops.calls, "invokeLambda"));
        assertThat(lastVpc).isLessThan(firstIndex(ops.calls, "ensureLocalPortfolio"));
        assertThat(ops.calls)
                .contains("putSsmParameter /demo/222222222222/eu-west-2/vpc-id eu-west-1 vpc-222222222222");
        assertThat(ops.calls)
                .anyMatch(c -> c.startsWith("provision baseline-vpc 333333333333 eu-west-2")
                        && c.contains("CidrBlock=10.0.0.0/16"));
        assertThat(ops.calls)
                .anyMatch(
                        c -> c.startsWith("provision account-baseline 333333333333") && c.contains("Environment=dev"));
        assertThat(ops.calls).contains("terminate legacy-bastion 333333333333 eu-west-2");
        assertThat(ops.calls)
                .anyMatch(c -> c.startsWith("launchConstraints 222222222222 eu-west-1 local-")
                        && c.contains("arn:aws:iam::222222222222:role/SCLaunchRole"));
    }

    @Test
    void shouldMakeNoChangesInADryRun() throws Exception {
        FakeOperations ops = DemoFixture.operations();
        RunSummary run = Engine.run(DemoFixture.roots(ops, new GraphOptions(true, false)), options(), RunListener.NONE);

        assertThat(run.outcome()).isEqualTo(RunOutcome.SUCCESS);
        assertThat(ops.calls).allMatch(c -> c.startsWith("dryRun"));
        assertThat(ops.count("dryRunProvision")).isEqualTo(7);
        assertThat(ops.count("dryRunTerminate")).isEqualTo(1);
    }

    @Test
    void shouldShareAgainWhenTheHubPortfolioIsRecreatedWithANewId() throws Exception {
        FakeOperations ops = DemoFixture.operations();
        Engine.run(DemoFixture.roots(ops, GraphOptions.DEFAULT), options(), RunListener.NONE);
        long shares = ops.count("sharePortfolio");
        ops.portfolioSuffix = "-recreated";

        RunSummary second = Engine.run(DemoFixture.roots(ops, GraphOptions.DEFAULT), options(), RunListener.NONE);

        assertThat(second.outcome()).as(failures(second)).isEqualTo(RunOutcome.SUCCESS);
        assertThat(ops.count("sharePortfolio")).isEqualTo(2 * shares);
    }

    @Test
    void shouldTurnDependsOnIntoRequirements() throws Exception {
        TaskGraph graph = TaskGraph.of(DemoFixture.roots(DemoFixture.operations(), GraphOptions.DEFAULT));
        var flowLogs = graph.tasks().values().stream()
                .filter(t -> t.key().family().equals("ProvisionProductTask")
                        && t.key().parameters().get("launch_name").equals("flow-logs"))
                .findFirst()
                .orElseThrow();

        assertThat(flowLogs.requirements())
                .extracting(r -> r.key().id())
                .contains("LaunchTask(launch_name=baseline-vpc)");
    }

    private static int firstIndex(List<String> calls, String prefix) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no call starting with " + prefix);
    }

    private static int lastIndex(List<String> calls, String prefix) {
        for (int i = calls.size() - 1; i >= 0; i--) {
            if (calls.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no call starting with " + prefix);
    }
}
