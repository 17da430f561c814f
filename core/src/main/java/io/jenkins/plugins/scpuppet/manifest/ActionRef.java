package io.jenkins.plugins.scpuppet.manifest;

/** A pre_actions / post_actions entry naming an item of {@code actions}. */
public record ActionRef(String name, String path, Mark mark) {}
