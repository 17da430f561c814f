package io.jenkins.plugins.scpuppet.config;

import java.io.IOException;

/** Where the config YAML document lives. */
public interface ConfigStore {

    /** The document, or null when there is none yet. */
    String read() throws IOException;

    void write(String yaml) throws IOException;

    /** For messages: where this store reads and writes. */
    String describe();
}
