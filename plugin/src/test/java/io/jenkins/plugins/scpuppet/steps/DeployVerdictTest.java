package io.jenkins.plugins.scpuppet.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import org.junit.jupiter.api.Test;

/**
 * What puppetDeploy makes of a deploy's outcome: the run's own status first, then a failed cache save (UNSTABLE, or
 * a failure with failOnCacheSaveError), and the map it returns.
 */
class DeployVerdictTest {
    private static final String STORED = "puppet/7/run-report.json";
    private static final String WARNING = "cache not saved to s3://sc-puppet-caching-bucket-111111111111-eu-west-1"
            + "/output: AccessDenied: Access Denied";

    private static DeployOutcome outcome(int exitStatus, String warning) {
        String outcome = switch (exitStatus) {
            case 0 -> "SUCCESS";
            case 1 -> "TASK_FAILURES";
            default -> "CANCELLED";
        };
        return new DeployOutcome(3, 2, exitStatus == 1 ? 1 : 0, 0, exitStatus, outcome + ": 3 executed",
                "{}", "/ws/.puppet-cache/run-report.json", "/ws/.puppet-cache/junit.xml", warning == null, warning);
    }

    private static PuppetDeployStepExecution execution(boolean unstableOnFailure, boolean failOnCacheSaveError) {
        PuppetDeployStep step = new PuppetDeployStep("manifest.yaml");
        step.setUnstableOnFailure(unstableOnFailure);
        step.setFailOnCacheSaveError(failOnCacheSaveError);
        return (PuppetDeployStepExecution) step.start(null);
    }

    @Test
    void shouldMarkTheBuildUnstableWhenOnlyTheSaveFailedAndFailItWhenTold() throws Exception {
        assertThat(execution(false, false).unstable(outcome(0, null), STORED)).isFalse();
        assertThat(execution(false, false).unstable(outcome(0, WARNING), STORED)).isTrue();
        assertThatThrownBy(() -> execution(false, true).unstable(outcome(0, WARNING), STORED))
                .isExactlyInstanceOf(AbortException.class)
                .hasMessage("puppetDeploy: " + WARNING + " (failOnCacheSaveError: true); the deploy: SUCCESS: 3"
                        + " executed; see " + STORED);
        assertThat(execution(false, true).unstable(outcome(0, null), STORED)).isFalse();
    }

    @Test
    void shouldJudgeTheRunFirstAndLetTheWorseResultWin() throws Exception {
        // Task failures fail the build with the run's own message, save or no save.
        assertThatThrownBy(() -> execution(false, false).unstable(outcome(1, WARNING), STORED))
                .isExactlyInstanceOf(AbortException.class)
                .hasMessage("puppetDeploy: TASK_FAILURES: 3 executed; see " + STORED);
        assertThat(execution(true, false).unstable(outcome(1, WARNING), STORED)).isTrue();
        assertThat(execution(true, false).unstable(outcome(1, null), STORED)).isTrue();
        // Unstable for the tasks, but told to fail on a failed save: the failure wins.
        assertThatThrownBy(() -> execution(true, true).unstable(outcome(1, WARNING), STORED))
                .hasMessageStartingWith("puppetDeploy: " + WARNING);
        // An aborted run is aborted, whatever the save did.
        assertThatThrownBy(() -> execution(true, true).unstable(outcome(130, WARNING), STORED))
                .isExactlyInstanceOf(InterruptedException.class)
                .hasMessage("puppetDeploy was aborted: CANCELLED: 3 executed");
    }

    @Test
    void shouldReturnWhetherTheCacheWasSavedAndWhyNot() {
        assertThat(outcome(0, null).asStepResult(STORED))
                .containsEntry("cacheSaved", true)
                .containsEntry("exitStatus", 0)
                .containsEntry("buildReport", STORED)
                .doesNotContainKey("cacheSaveWarning");
        assertThat(outcome(0, WARNING).asStepResult(STORED))
                .containsEntry("cacheSaved", false)
                .containsEntry("cacheSaveWarning", WARNING)
                .containsEntry("exitStatus", 0);
    }
}
