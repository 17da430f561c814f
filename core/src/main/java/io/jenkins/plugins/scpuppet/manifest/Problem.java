package io.jenkins.plugins.scpuppet.manifest;

/**
 * One thing wrong with a manifest: where (file:line:column), what (path inside the document), and what to do.
 *
 * @param path dotted path such as {@code launches.account-vending.deploy_to.tags[0].regions}; empty for the root
 */
public record Problem(Mark mark, String path, String message, Severity severity) {
    public enum Severity {
        ERROR,
        WARNING
    }

    @Override
    public String toString() {
        String where = mark == null ? "" : mark + ": ";
        String at = path == null || path.isEmpty() ? "" : path + ": ";
        return (severity == Severity.WARNING ? "warning: " : "") + where + at + message;
    }
}
