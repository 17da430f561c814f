package io.jenkins.plugins.scpuppet.steps;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a deploy on the agent sends back to the controller: counts, the exit status and the report's JSON. */
record DeployOutcome(
        int executed,
        int cached,
        int failed,
        int skipped,
        int exitStatus,
        String summaryLine,
        String reportJson,
        String reportPath,
        String junitPath)
        implements Serializable {

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
        return out;
    }
}
