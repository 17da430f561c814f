package io.jenkins.plugins.scpuppet.steps;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a deploy on the agent sends back to the controller: counts, the exit status and the report's JSON.
 *
 * @param exitStatus the run's own status (a failed cache save never changes it)
 * @param cacheSaved true when the cache was saved to S3 after the run; false when not mirrored or when the save failed
 * @param cacheSaveWarning why the cache save failed, or null
 * @param dryRunRows with dryRun, the dry-run table's rows as ArrayLists of Strings (unchecked until
 *     {@link AgentRows}); otherwise null
 */
record DeployOutcome(
        int executed,
        int cached,
        int failed,
        int skipped,
        int exitStatus,
        String summaryLine,
        String reportJson,
        String reportPath,
        String junitPath,
        boolean cacheSaved,
        String cacheSaveWarning,
        List<List<String>> dryRunRows)
        implements Serializable {

    /** An outcome of a deploy that was not a dry run. */
    DeployOutcome(
            int executed,
            int cached,
            int failed,
            int skipped,
            int exitStatus,
            String summaryLine,
            String reportJson,
            String reportPath,
            String junitPath,
            boolean cacheSaved,
            String cacheSaveWarning) {
        this(executed, cached, failed, skipped, exitStatus, summaryLine, reportJson, reportPath, junitPath,
                cacheSaved, cacheSaveWarning, null);
    }

    /** The map puppetDeploy returns to the pipeline, with the checked dry-run rows when there are any. */
    Map<String, Object> asStepResult(String storedReport, List<Map<String, String>> dryRunResults) {
        Map<String, Object> out = asStepResult(storedReport);
        if (dryRunResults != null) {
            out.put("dryRunResults", dryRunResults);
        }
        return out;
    }

    /** The map puppetDeploy returns to the pipeline. */
    Map<String, Object> asStepResult(String storedReport) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("executed", executed);
        out.put("cached", cached);
        out.put("failed", failed);
        out.put("skipped", skipped);
        out.put("exitStatus", exitStatus);
        out.put("reportPath", reportPath);
        out.put("junitPath", junitPath);
        out.put("buildReport", storedReport);
        out.put("cacheSaved", cacheSaved);
        if (cacheSaveWarning != null) {
            out.put("cacheSaveWarning", cacheSaveWarning);
        }
        return out;
    }
}
