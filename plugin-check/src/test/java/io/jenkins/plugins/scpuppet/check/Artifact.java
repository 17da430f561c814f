package io.jenkins.plugins.scpuppet.check;

/** One resolved dependency: coordinates and scope. */
record Artifact(String groupId, String artifactId, String version, String scope) {
    String key() {
        return groupId + ":" + artifactId;
    }

    @Override
    public String toString() {
        return key() + ":" + version + ":" + scope;
    }
}
