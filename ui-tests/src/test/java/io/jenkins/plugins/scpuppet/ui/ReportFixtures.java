package io.jenkins.plugins.scpuppet.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.config.SsmConfigStore;
import io.jenkins.plugins.scpuppet.deploy.DeployRequest;
import io.jenkins.plugins.scpuppet.deploy.Deployment;
import io.jenkins.plugins.scpuppet.engine.Engine;
import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.RunOptions;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import io.jenkins.plugins.scpuppet.report.RunReportWriter;
import io.jenkins.plugins.scpuppet.sandbox.Sandbox;
import io.jenkins.plugins.scpuppet.tasks.PuppetFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Run reports recorded from real runs: the demo in the sandbox with one injected AWS error, and 20,000 tasks. */
final class ReportFixtures {
    static final Path DEMO = Path.of("..", "test-resources", "manifests", "demo", "manifest.yaml")
            .toAbsolutePath();

    private ReportFixtures() {}

    /** The demo deployed in the sandbox with ProvisionProduct of flow-logs refused: executed, failed, skipped. */
    static Path demoWithFailure(Path dir) throws Exception {
        try (Sandbox box = Sandbox.forManifest(DEMO, "111111111111", "eu-west-1")) {
            box.standIn()
                    .faults()
                    .fail(
                            "ProvisionProduct",
                            "InvalidParametersException",
                            "Provisioning artifact for flow-logs is not valid",
                            "flow-logs");
            new Deployment(
                            box.clients(),
                            new SsmConfigStore(box.clients().ssm("111111111111", "eu-west-1")),
                            line -> {})
                    .deploy(
                            new DeployRequest(
                                    DEMO,
                                    "111111111111",
                                    "eu-west-1",
                                    dir.resolve("cache"),
                                    dir,
                                    4,
                                    false,
                                    false,
                                    "ui-tests"),
                            RunListener.NONE);
        }
        return dir.resolve("run-report.json");
    }

    /** The demo deployed twice in one sandbox with one cache: every task executed, then every cacheable one cached. */
    static List<Path> demoTwice(Path dir) throws Exception {
        List<Path> reports = new java.util.ArrayList<>();
        try (Sandbox box = Sandbox.forManifest(DEMO, "111111111111", "eu-west-1")) {
            Deployment deployment = new Deployment(
                    box.clients(), new SsmConfigStore(box.clients().ssm("111111111111", "eu-west-1")), line -> {});
            for (int run = 1; run <= 2; run++) {
                Path reportDir = Files.createDirectories(dir.resolve("run-" + run));
                deployment.deploy(
                        new DeployRequest(
                                DEMO,
                                "111111111111",
                                "eu-west-1",
                                dir.resolve("cache"),
                                reportDir,
                                4,
                                false,
                                false,
                                "ui-tests"),
                        RunListener.NONE);
                reports.add(reportDir.resolve("run-report.json"));
            }
        }
        return reports;
    }

    /** 20,196 puppet-shaped tasks from a cold run (51 accounts x 4 regions x 33 launches x 3 tasks). */
    static Path large(Path dir) throws Exception {
        List<TaskSpec> roots = new ArrayList<>();
        for (int a = 0; a < 51; a++) {
            String account = String.valueOf(200000000000L + a);
            for (String region : List.of("eu-west-1", "eu-west-2", "us-east-1", "us-west-2")) {
                for (int l = 0; l < 33; l++) {
                    String launch = "launch-" + l;
                    TaskSpec lookup = TaskSpec.builder(PuppetFamily.GetVersionDetailsByNames)
                            .param("account_id", account)
                            .param("region", region)
                            .param("launch_name", launch)
                            .build();
                    TaskSpec params = TaskSpec.builder(PuppetFamily.ProvisioningArtifactParametersTask)
                            .param("account_id", account)
                            .param("region", region)
                            .param("launch_name", launch)
                            .requires(lookup)
                            .build();
                    roots.add(TaskSpec.builder(PuppetFamily.ProvisionProductTask)
                            .param("account_id", account)
                            .param("region", region)
                            .param("launch_name", launch)
                            .requires(params)
                            .build());
                }
            }
        }
        RunOptions options = RunOptions.defaults(dir.resolve("cache")).withWorkers(4);
        RunSummary cold = Engine.run(roots, options, RunListener.NONE);
        Path report = dir.resolve("run-report.json");
        RunReportWriter.write(cold, report);
        return report;
    }

    /**
     * A recorded report with the miss reasons of issue #22 set by hand (docs/run-report.md), replacing any the engine
     * wrote, so the page tests see every kind of detail whatever a cold run finds: of the cacheable tasks that ran,
     * the first changed parameters (one masked, one added, one changed), the second changed implementation, the third
     * found its target invalid, and every other had no target. The totals count them. Written next to the recorded
     * report.
     */
    static Path withMissReasons(Path recorded) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode report = (ObjectNode) json.readTree(recorded.toFile());
        Map<String, Integer> counts = new TreeMap<>();
        int n = 0;
        for (com.fasterxml.jackson.databind.JsonNode node : report.path("tasks")) {
            ObjectNode t = (ObjectNode) node;
            String status = t.path("status").asText();
            if (!t.path("cacheable").asBoolean() || !(status.equals("EXECUTED") || status.equals("FAILED"))) {
                continue;
            }
            String reason = switch (n++) {
                case 0 -> "PARAMETERS_CHANGED";
                case 1 -> "IMPLEMENTATION_CHANGED";
                case 2 -> "TARGET_INVALID";
                default -> "NO_TARGET";
            };
            t.remove("missDetails"); // whatever the engine wrote: these fixtures pin their own reasons
            t.put("missReason", reason);
            counts.merge(reason, 1, Integer::sum);
            switch (reason) {
                case "PARAMETERS_CHANGED" -> {
                    ArrayNode changes = t.putObject("missDetails").putArray("changes");
                    changes.addObject().put("parameter", "added").putNull("old").put("new", "yes");
                    changes.addObject()
                            .put("parameter", "password")
                            .put("old", "***")
                            .put("new", "***");
                    changes.addObject()
                            .put("parameter", "version")
                            .put("old", "v1")
                            .put("new", "v2");
                }
                case "IMPLEMENTATION_CHANGED" ->
                    t.putObject("missDetails").put("oldImplementation", "3").put("newImplementation", "4");
                case "TARGET_INVALID" ->
                    t.putObject("missDetails").put("problem", "not valid JSON (truncated or corrupt)");
                default -> {}
            }
        }
        if (!counts.isEmpty()) {
            ObjectNode totals = ((ObjectNode) report.path("totals")).putObject("missReasons");
            for (String reason :
                    List.of("NO_TARGET", "PARAMETERS_CHANGED", "IMPLEMENTATION_CHANGED", "TARGET_INVALID")) {
                if (counts.containsKey(reason)) {
                    totals.put(reason, counts.get(reason)); // in the schema's order
                }
            }
        }
        Path out = recorded.resolveSibling("run-report-with-reasons.json");
        json.writeValue(out.toFile(), report);
        return out;
    }
}
