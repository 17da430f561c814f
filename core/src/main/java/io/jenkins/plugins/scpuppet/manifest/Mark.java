package io.jenkins.plugins.scpuppet.manifest;

/** Where something is in a file: 1-based line and column. */
public record Mark(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
