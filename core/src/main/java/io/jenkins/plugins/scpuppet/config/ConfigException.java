package io.jenkins.plugins.scpuppet.config;

/** A config name or value that cannot be used; the message says what is accepted. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
