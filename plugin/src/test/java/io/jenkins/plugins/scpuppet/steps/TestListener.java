package io.jenkins.plugins.scpuppet.steps;

import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/** A serializable TaskListener that keeps the log in memory. */
final class TestListener implements TaskListener, Serializable {
    private static final long serialVersionUID = 1L;
    private final transient ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final transient PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Override
    public PrintStream getLogger() {
        return stream;
    }

    String log() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
