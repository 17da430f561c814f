package io.jenkins.plugins.scpuppet.config;

import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** Upstream's store: the String SSM parameter {@code /servicecatalog-puppet/config} in the puppet account's home region. */
public final class SsmConfigStore implements ConfigStore {
    public static final String PARAMETER = "/servicecatalog-puppet/config";
    private final SsmClient ssm;

    public SsmConfigStore(SsmClient ssm) {
        this.ssm = ssm;
    }

    @Override
    public String read() {
        try {
            return ssm.getParameter(r -> r.name(PARAMETER)).parameter().value();
        } catch (ParameterNotFoundException e) {
            return null;
        }
    }

    @Override
    public void write(String yaml) {
        ssm.putParameter(
                r -> r.name(PARAMETER).value(yaml).type(ParameterType.STRING).overwrite(true));
    }

    @Override
    public String describe() {
        return "SSM parameter " + PARAMETER;
    }
}
