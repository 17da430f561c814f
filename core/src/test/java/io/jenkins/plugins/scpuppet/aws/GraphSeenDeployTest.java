package io.jenkins.plugins.scpuppet.aws;

import static io.jenkins.plugins.scpuppet.engine.Runs.failures;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scpuppet.config.FileConfigStore;
import io.jenkins.plugins.scpuppet.deploy.DeployRequest;
import io.jenkins.plugins.scpuppet.deploy.Deployment;
import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.RunOutcome;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskGraph;
import io.jenkins.plugins.scpuppet.engine.TaskKey;
import io.jenkins.plugins.scpuppet.engine.TaskOutcome;
import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The graph a deploy shows its observer ({@link Deployment#onGraph}) is the one it ran, built with the run's config:
 * the deploy benchmark tells static requirements from dynamic ones by it, and a graph built apart (without the
 * config's event forwarding, or with another account resolver) had tasks the run did not and lacked some it did.
 */
class GraphSeenDeployTest extends StandInTest {
    private static final Path DEMO = Path.of("..", "test-resources", "manifests", "demo", "manifest.yaml");

    @Test
    void shouldShowTheGraphItRanWithTheConfigsGraphOptions() throws Exception {
        Path config = cache.resolve("config.yaml");
        Files.writeString(config, "regions: [eu-west-1, eu-west-2]\nshould_forward_events_to_eventbridge: true\n");
        Path work = Files.createDirectories(cache.resolve("work"));
        AtomicReference<List<TaskSpec>> seen = new AtomicReference<>();

        RunSummary run = new Deployment(clients, new FileConfigStore(config), line -> {})
                .onGraph(seen::set)
                .deploy(
                        new DeployRequest(DEMO, HUB, "eu-west-1", work, work, 4, false, false, "test"),
                        RunListener.NONE)
                .summary();

        assertThat(run.outcome()).as(failures(run)).isEqualTo(RunOutcome.SUCCESS);
        assertThat(seen.get()).isNotNull();
        TaskGraph graph = TaskGraph.of(seen.get());
        assertThat(graph.tasks().keySet())
                .as("the config's event forwarding is in the graph")
                .anyMatch(k -> k.family().equals("EnsureEventBridgeEventBusTask"));
        // A first run needs every task of the static graph, and each ran after all its static requirements.
        Map<TaskKey, TaskOutcome> ran =
                run.tasks().stream().collect(Collectors.toMap(TaskOutcome::key, Function.identity()));
        assertThat(ran).containsKeys(graph.tasks().keySet().toArray(TaskKey[]::new));
        graph.tasks()
                .values()
                .forEach(spec -> assertThat(ran.get(spec.key()).requirements())
                        .as("requirements of %s", spec.key().id())
                        .containsAll(
                                spec.requirements().stream().map(TaskSpec::key).toList()));
    }
}
