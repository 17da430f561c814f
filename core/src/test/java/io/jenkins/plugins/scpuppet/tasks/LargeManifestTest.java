package io.jenkins.plugins.scpuppet.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.scpuppet.engine.Digests;
import io.jenkins.plugins.scpuppet.engine.TaskGraph;
import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import io.jenkins.plugins.scpuppet.manifest.AccountResolver;
import io.jenkins.plugins.scpuppet.manifest.ExpandedManifest;
import io.jenkins.plugins.scpuppet.manifest.Expander;
import io.jenkins.plugins.scpuppet.manifest.ExpansionOptions;
import io.jenkins.plugins.scpuppet.manifest.ManifestLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The large sample (100 accounts x 4 regions x 10 launches): its golden is the task count per family plus a digest
 * of the whole graph JSON, since the full graph would be megabytes.
 */
class LargeManifestTest {

    @Test
    void shouldMatchTheGoldenFamilyCountsAndGraphDigest() throws Exception {
        ExpandedManifest e = new Expander(AccountResolver.NONE)
                .expand(
                        new ManifestLoader().load(DemoFixture.MANIFESTS.resolve("large/manifest.yaml"), "111111111111"),
                        new ExpansionOptions(
                                "111111111111",
                                "eu-west-1",
                                List.of("eu-west-1", "eu-west-2", "us-east-1", "us-west-2")));
        TaskGraph graph =
                TaskGraph.of(TaskGraphBuilder.roots(e, new FakeOperations("111111111111"), GraphOptions.DEFAULT));
        Map<String, Integer> byFamily = new TreeMap<>();
        for (TaskSpec spec : graph.tasks().values()) {
            byFamily.merge(spec.key().family(), 1, Integer::sum);
        }
        byte[] graphJson = new ObjectMapper().writeValueAsBytes(GraphExport.json(graph));
        Map<String, Object> summary = new TreeMap<>();
        summary.put("tasks_total", graph.size());
        summary.put("tasks_by_family", byFamily);
        summary.put("graph_json_sha256", Digests.sha256Hex(graphJson));
        String actual =
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary) + "\n";

        Goldens.check(DemoFixture.MANIFESTS.resolve("large/graph-summary.golden.json"), actual);
        assertThat(graph.size()).isGreaterThan(10_000);
        assertThat(new String(graphJson, StandardCharsets.UTF_8)).doesNotContain("${AWS::");
    }
}
