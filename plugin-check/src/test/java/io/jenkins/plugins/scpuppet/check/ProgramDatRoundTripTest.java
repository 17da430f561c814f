package io.jenkins.plugins.scpuppet.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scpuppet.steps.PuppetDeployStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every step execution of the plugin, as Pipeline keeps it in program.dat while a build waits: written with JBoss
 * Marshalling River and read back, every field compared (the records inside included), at River's default stream
 * version (RiverWriter's) and at version 3.
 */
class ProgramDatRoundTripTest {
    static Stream<Arguments> executions() throws Exception {
        // A field added after b40019a: set it on the step here, before it starts.
        Map<String, StepExecution> all = new LinkedHashMap<>();
        for (Map.Entry<String, Step> step : StepsAsOfB40019a.steps().entrySet()) {
            all.put(step.getKey(), step.getValue().start(new TestStepContext(step.getKey())));
        }

        List<Arguments> cases = new ArrayList<>();
        for (int version : new int[] {ProgramDat.DEFAULT_VERSION, 3}) {
            all.forEach((step, execution) -> cases.add(Arguments.of(step, version, execution)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} at River version {1}")
    @MethodSource("executions")
    void shouldReadEveryFieldOfTheExecutionBack(String step, int version, StepExecution execution) throws Exception {
        StepExecution back = ProgramDat.resumed(execution, version);

        DeepCompare compare = DeepCompare.of(execution, back);
        assertThat(compare.differences()).as("fields changed in program.dat").isEmpty();
        assertThat(compare.comparedFields()).as("fields compared").isNotEmpty();
        assertThat(back).isNotSameAs(execution).hasSameClassAs(execution);
        // Every field was set by the step (so the comparison means something), but the purge's agent-side slots and
        // the list's singleAccount (it lists every account).
        List<String> unset = new ArrayList<>(
                List.of("$.template.aws", "$.template.listener", "$.template.task", "$.template.homeRegion"));
        if (step.equals("puppetListLaunches")) {
            unset.add("$.settings.singleAccount");
        }
        assertThat(nullFields(execution)).isSubsetOf(unset);
    }

    /** The records inside are compared field by field, not through their equals. */
    @ParameterizedTest(name = "River version {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {ProgramDat.DEFAULT_VERSION, 3})
    void shouldCompareTheRecordsInsideFieldByField(int version) throws Exception {
        Map<String, StepExecution> all = new LinkedHashMap<>();
        executions().filter(a -> (int) a.get()[1] == version)
                .forEach(a -> all.put((String) a.get()[0], (StepExecution) a.get()[2]));

        assertThat(DeepCompare.of(all.get("puppetDeploy"), ProgramDat.resumed(all.get("puppetDeploy"), version))
                        .comparedFields())
                .contains(
                        "$.settings.manifest",
                        "$.settings.workers",
                        "$.settings.keepRuns",
                        "$.settings.trustUnindexedCache",
                        "$.settings.singleAccount",
                        "$.unstableOnFailure");
        assertThat(DeepCompare.of(all.get("puppetBootstrap"), ProgramDat.resumed(all.get("puppetBootstrap"), version))
                        .comparedFields())
                .contains(
                        "$.options.noncurrentVersionDays",
                        "$.options.spokeVersion",
                        "$.options.cacheWriters",
                        "$.puppetRole.hubPrincipals");
        assertThat(ObjectGraph.objects(all.get("puppetDeploy")).values()).anyMatch(o -> o.getClass().isRecord());
        PuppetDeployStep other = new PuppetDeployStep("hub/manifest.yaml");
        other.setWorkers(8);
        assertThat(DeepCompare.of(all.get("puppetDeploy"), other.start(new TestStepContext("deploy")))
                        .differences())
                .contains("$.settings.workers: 7 became 8", "$.settings.trustUnindexedCache: true became false");
    }

    /** Paths of the plugin's own fields that hold null in the execution's graph. */
    private static List<String> nullFields(Object root) {
        List<String> nulls = new ArrayList<>();
        ObjectGraph.objects(root).forEach((path, o) -> {
            if (!ObjectGraph.isJdk(o.getClass())) {
                ObjectGraph.persistedFields(o.getClass()).stream()
                        .filter(f -> ObjectGraph.read(f, o) == null)
                        .forEach(f -> nulls.add(path + "." + f.getName()));
            }
        });
        return nulls;
    }
}
