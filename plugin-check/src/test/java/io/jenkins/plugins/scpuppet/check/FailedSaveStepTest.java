package io.jenkins.plugins.scpuppet.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.scpuppet.ui.FakeBuilds;
import io.jenkins.plugins.scpuppet.agentreport.ReportSchema;
import io.jenkins.plugins.scpuppet.aws.WriteRefusingS3;
import io.jenkins.plugins.scpuppet.agentreport.RunReport;
import io.jenkins.plugins.scpuppet.engine.RunOutcome;
import io.jenkins.plugins.scpuppet.mirror.CacheBucket;
import io.jenkins.plugins.scpuppet.sandbox.Sandbox;
import io.jenkins.plugins.scpuppet.sandbox.StandInSeeder;
import io.jenkins.plugins.scpuppet.steps.StepCallables;
import io.jenkins.plugins.scpuppet.ui.PuppetRunAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * puppetDeploy's callable on the agent side when the cache save after the run fails for real: the cache bucket is on
 * an S3 (S3Proxy's read-only middleware) that serves the restore and refuses every write. The run, its report and
 * junit stand; the controller keeps the warning in the stored report and marks the build UNSTABLE.
 */
class FailedSaveStepTest {
    private static final String HUB = "111111111111";
    private static final String HOME = "eu-west-1";
    private static final Path DEMO = Path.of("..", "test-resources", "manifests", "demo", "manifest.yaml");

    @TempDir
    Path tmp;

    @Test
    void shouldKeepTheDeploysStatusAndReportAndMarkTheBuildUnstable() throws Exception {
        Path workspace = Files.createDirectories(tmp.resolve("ws"));
        Files.copy(DEMO, workspace.resolve("manifest.yaml"));
        TaskListener listener = StepCallables.listener();
        Object outcome;
        try (WriteRefusingS3 readOnly = new WriteRefusingS3(HUB, HOME);
                Sandbox box = Sandbox.forManifest(DEMO, HUB, HOME)) {
            Map<String, String> env = Map.of(
                    "AWS_ENDPOINT_URL", box.standIn().endpoint().toString(),
                    "AWS_ENDPOINT_URL_S3", readOnly.endpoint(),
                    "AWS_ACCESS_KEY_ID", StandInSeeder.ACCESS_KEY_PREFIX + HUB,
                    "AWS_SECRET_ACCESS_KEY", StandInSeeder.SECRET_KEY,
                    "AWS_REGION", HOME);
            StepCallables.setConfig("is_caching_enabled", "True", env, listener).invoke(workspace.toFile(), null);
            outcome = StepCallables.deploy("manifest.yaml", true, env, listener).invoke(workspace.toFile(), null);
        }
        Run<?, ?> build = FakeBuilds.build(tmp.resolve("build").toFile());
        Map<String, Object> result = StepCallables.stepResult(outcome, "puppet/1/run-report.json");
        String warning = "cache not saved to s3://" + CacheBucket.of(HUB, HOME).name() + "/output: ";

        assertThat(result).containsEntry("exitStatus", 0).containsEntry("cacheSaved", false);
        assertThat((String) result.get("cacheSaveWarning")).startsWith(warning);
        assertThat(StepCallables.log(listener))
                .contains("[puppet] WARNING " + warning)
                .contains("the deploy's outcome stands: SUCCESS")
                .contains("; cache not saved");
        assertThat(StepCallables.unstable(outcome, false)).isTrue();
        assertThatThrownBy(() -> StepCallables.unstable(outcome, true))
                .isExactlyInstanceOf(AbortException.class)
                .hasMessageStartingWith("puppetDeploy: " + warning);
        // The agent's report, written before the save and rewritten with the warning, passes the controller's schema.
        String sent = Files.readString(Path.of((String) result.get("reportPath")));
        RunReport report = ReportSchema.read(sent);
        assertThat(report.outcome()).isEqualTo(RunOutcome.SUCCESS);
        assertThat(report.cacheSaveWarning()).isEqualTo(result.get("cacheSaveWarning"));
        assertThat(Path.of((String) result.get("junitPath"))).exists();
        String stored = Files.readString(Path.of(PuppetRunAction.record(build, "manifest.yaml", sent)));
        assertThat(ReportSchema.read(stored).cacheSaveWarning()).isEqualTo(report.cacheSaveWarning());
    }
}
