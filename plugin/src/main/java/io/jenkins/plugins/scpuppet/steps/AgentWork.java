package io.jenkins.plugins.scpuppet.steps;

import hudson.AbortException;
import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.config.ConfigStore;
import io.jenkins.plugins.scpuppet.config.FileConfigStore;
import io.jenkins.plugins.scpuppet.config.SsmConfigStore;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Helpers the callables share on the agent: paths inside the workspace, the config store. */
final class AgentWork {
    private AgentWork() {}

    /** A path the user gave, resolved in the workspace; refused if it climbs out of it. */
    static Path inWorkspace(File workspace, String relative, String what) throws AbortException {
        Path root = workspace.toPath().toAbsolutePath().normalize();
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root)) {
            throw new AbortException(what + " '" + relative + "' is outside the workspace; give a path inside it");
        }
        return p;
    }

    /** ./config.yaml in the workspace overrides the SSM parameter, as upstream's local config.yaml does. */
    static ConfigStore configStore(File workspace, AwsClients clients, Supplier<String> account, String region) {
        Path local = workspace.toPath().resolve("config.yaml");
        return Files.exists(local)
                ? new FileConfigStore(local)
                : new SsmConfigStore(clients.ssm(account.get(), region));
    }
}
