package io.jenkins.plugins.scpuppet.mirror;

import java.util.List;

/**
 * What a restore, save or purge did.
 *
 * @param transferred objects uploaded (save), downloaded (restore) or deleted (purge)
 * @param unchanged objects that already matched
 * @param dropped objects not trusted: digest mismatch or unreadable (the task runs again)
 * @param refused keys refused as unsafe (path traversal and the like); nothing was written for them
 * @param removedLocally local targets removed because the published cache no longer lists them
 * @param skipped true when a save did not happen (lease busy); {@code messages} says why
 */
public record MirrorResult(
        int transferred,
        int unchanged,
        List<String> dropped,
        List<String> refused,
        int removedLocally,
        boolean skipped,
        long millis,
        List<String> messages) {

    /** One line for a log: {@code what}, then the counts, anything dropped or refused, the messages and the time. */
    public String describe(String what) {
        StringBuilder s = new StringBuilder(what)
                .append(": ")
                .append(transferred)
                .append(" transferred, ")
                .append(unchanged)
                .append(" unchanged");
        if (!dropped.isEmpty()) {
            s.append(", ").append(dropped.size()).append(" dropped (their tasks run again)");
        }
        if (!refused.isEmpty()) {
            s.append(", ").append(refused.size()).append(" unsafe keys refused");
        }
        if (removedLocally > 0) {
            s.append(", ").append(removedLocally).append(" purged locally");
        }
        messages.forEach(m -> s.append("; ").append(m));
        return s.append(" in ").append(millis).append(" ms").toString();
    }
}
