package io.jenkins.plugins.scpuppet.agentreport;

/**
 * How large an agent's run report may be. The defaults leave room for several times the large sample manifest
 * (18,530 tasks: 18.2 MB as the agent writes it, ids up to 320 characters, up to 800 requirements per task).
 *
 * @param maxDocumentChars the whole document
 * @param maxTasks entries in {@code tasks}, and requirements per task
 * @param maxDepth nesting of objects and arrays (the schema itself needs 4)
 * @param maxIdChars task ids, requirement ids, targets and parameter values
 * @param maxNameChars run id, family, error code, parameter names and any field name
 * @param maxTextChars free text: the run's error, the cache save warning and a task's error message
 * @param maxParameters parameters per task
 */
public record ReportLimits(
        int maxDocumentChars,
        int maxTasks,
        int maxDepth,
        int maxIdChars,
        int maxNameChars,
        int maxTextChars,
        int maxParameters) {
    /** What the controller accepts from an agent. */
    public static final ReportLimits DEFAULT = new ReportLimits(128 << 20, 100_000, 8, 4096, 256, 65_536, 64);

    /** The longest single string any field may hold: what the parser itself refuses beyond. */
    int maxStringChars() {
        return Math.max(maxIdChars, Math.max(maxNameChars, maxTextChars));
    }
}
