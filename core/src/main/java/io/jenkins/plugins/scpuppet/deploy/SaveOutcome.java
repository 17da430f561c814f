package io.jenkins.plugins.scpuppet.deploy;

import io.jenkins.plugins.scpuppet.aws.AwsErrors;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskError;
import io.jenkins.plugins.scpuppet.mirror.CacheMirror;
import io.jenkins.plugins.scpuppet.mirror.MirrorResult;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The save after a deploy, and what became of it. A save that throws (S3 refusing, the network gone, a busy lease
 * configured to fail) or is skipped (a busy lease) is a warning: it never replaces the run's outcome.
 *
 * @param result what the mirror did, or null when it threw
 * @param warning why the cache was not saved, one line, or null when it was
 */
public record SaveOutcome(MirrorResult result, String warning) {

    public boolean saved() {
        return result != null && warning == null;
    }

    /**
     * Saves the cache and, when the save went through and {@code summary} is known, the run's graph. Logs one line
     * either way. Runs with the thread's interrupt cleared (an aborted run still saves what finished); an interrupt
     * that arrives during the save is a warning too, and is kept for the caller.
     */
    static SaveOutcome run(
            CacheMirror mirror, Path cacheDir, String owner, RunSummary summary, String where, Consumer<String> log) {
        MirrorResult result = null;
        String warning;
        try {
            result = mirror.save(cacheDir, owner);
            if (result.skipped()) {
                warning = String.join("; ", result.messages());
            } else {
                log.accept(result.describe("saved cache to " + where));
                if (summary != null) {
                    mirror.publishGraphOf(summary); // only the lease holder writes to the bucket
                }
                return new SaveOutcome(result, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            warning = "cache not saved to " + where + ": interrupted while saving";
        } catch (Exception e) {
            TaskError error = AwsErrors.classify(e);
            String done = result == null ? "cache not saved to " : "cache saved, but its task graph not stored in ";
            warning = done + where + ": " + error.code() + ": " + error.message();
        }
        warning = warning.replaceAll("\\s*[\\r\\n]+\\s*", " ");
        log.accept(
                "WARNING " + warning + (summary == null ? "" : "; the deploy's outcome stands: " + summary.outcome()));
        return new SaveOutcome(result, warning);
    }
}
