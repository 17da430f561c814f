package io.jenkins.plugins.scpuppet.manifest;

/** Where a launch, lambda or action parameter gets its value. */
public sealed interface ParameterSource {

    /** A literal value. */
    record Default(String value) implements ParameterSource {}

    /**
     * An SSM parameter read at run time; {@code region} null means the puppet account's home region. The name may
     * contain {@code ${AWS::Region}} and {@code ${AWS::AccountId}}, filled per target.
     */
    record Ssm(String name, String region) implements ParameterSource {}

    /** A macro evaluated at expansion (upstream knows one: get_accounts_for_path). */
    record Macro(String method, String args) implements ParameterSource {}
}
