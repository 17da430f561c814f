package io.jenkins.plugins.scpuppet.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scpuppet.steps.PuppetBootstrapStep;
import io.jenkins.plugins.scpuppet.steps.PuppetDeployStep;
import io.jenkins.plugins.scpuppet.steps.PuppetListLaunchesStep;
import io.jenkins.plugins.scpuppet.steps.PuppetPurgeCacheStep;
import io.jenkins.plugins.scpuppet.steps.PuppetSetConfigStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
        Map<String, StepExecution> all = new LinkedHashMap<>();
        PuppetDeployStep deploy = new PuppetDeployStep("hub/manifest.yaml");
        deploy.setWorkers(7);
        deploy.setCacheDir(".cache-x");
        deploy.setMirror(false);
        deploy.setDryRun(true);
        deploy.setUnstableOnFailure(true);
        deploy.setHomeRegion("eu-central-1");
        deploy.setPuppetAccountId("123456789012");
        deploy.setKeepRuns(4);
        deploy.setTrustUnindexedCache(true);
        deploy.setSingleAccount("210987654321");
        all.put("puppetDeploy", deploy.start(new TestStepContext("deploy")));
        PuppetDeployStep rerun = new PuppetDeployStep("hub/manifest.yaml");
        rerun.setRerun(true); // not with dryRun, so a deploy of its own
        rerun.setHomeRegion("eu-central-1");
        rerun.setPuppetAccountId("123456789012");
        rerun.setSingleAccount("210987654321");
        all.put("puppetDeploy(rerun)", rerun.start(new TestStepContext("deploy-rerun")));

        PuppetListLaunchesStep launches = new PuppetListLaunchesStep("hub/manifest.yaml");
        launches.setWorkers(3);
        launches.setCacheDir(".cache-l");
        launches.setHomeRegion("eu-west-3");
        launches.setPuppetAccountId("123456789012");
        all.put("puppetListLaunches", launches.start(new TestStepContext("launches")));

        PuppetBootstrapStep bootstrap = new PuppetBootstrapStep("eu-west-2");
        bootstrap.setNoncurrentVersionDays(45);
        bootstrap.setKmsKeyId("alias/puppet");
        bootstrap.setWithEventBus(true);
        bootstrap.setSpokeVersion("0.84.0");
        bootstrap.setCacheWriters("arn:aws:iam::123456789012:role/jenkins/agent arn:aws:iam::123456789012:role/ops/*");
        bootstrap.setPuppetRole(true);
        bootstrap.setLeastPrivilege(true);
        bootstrap.setPermissionBoundary("arn:aws:iam::123456789012:policy/Boundary");
        bootstrap.setHubPrincipals("arn:aws:iam::123456789012:role/a, arn:aws:iam::123456789012:role/b");
        all.put("puppetBootstrap", bootstrap.start(new TestStepContext("bootstrap")));

        PuppetPurgeCacheStep purgeTask = new PuppetPurgeCacheStep();
        purgeTask.setTask("ShareAndAcceptPortfolioTask(account_id=123456789012)");
        purgeTask.setWithDependents(false);
        purgeTask.setDryRun(true);
        purgeTask.setHomeRegion("us-east-1");
        all.put("puppetPurgeCache(task)", purgeTask.start(new TestStepContext("purge-task")));
        PuppetPurgeCacheStep purgeStale = new PuppetPurgeCacheStep();
        purgeStale.setStale(true);
        all.put("puppetPurgeCache(stale)", purgeStale.start(new TestStepContext("purge-stale")));

        PuppetSetConfigStep config = new PuppetSetConfigStep("is_caching_enabled", "True");
        config.setHomeRegion("ap-south-1");
        all.put("puppetSetConfig", config.start(new TestStepContext("config")));

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
