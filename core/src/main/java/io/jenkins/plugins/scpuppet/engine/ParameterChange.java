package io.jenkins.plugins.scpuppet.engine;

/**
 * One significant parameter whose value differs from the stored target's.
 *
 * @param oldValue the stored value, null when the target did not have the parameter; {@code ***} when sensitive
 * @param newValue this run's value, null when the task no longer has it; {@code ***} when sensitive
 */
public record ParameterChange(String parameter, String oldValue, String newValue) {}
