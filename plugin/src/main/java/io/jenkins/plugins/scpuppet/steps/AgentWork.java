package io.jenkins.plugins.scpuppet.steps;

import hudson.AbortException;
import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.config.ConfigException;
import io.jenkins.plugins.scpuppet.config.ConfigStore;
import io.jenkins.plugins.scpuppet.config.FileConfigStore;
import io.jenkins.plugins.scpuppet.config.SsmConfigStore;
import io.jenkins.plugins.scpuppet.manifest.ManifestException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Helpers the callables share on the agent: paths inside the workspace, the config store, clear failures. */
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
    static ConfigStore configStore(File workspace, AwsClients clients, String account, String region) {
        Path local = workspace.toPath().resolve("config.yaml");
        return Files.exists(local) ? new FileConfigStore(local) : new SsmConfigStore(clients.ssm(account, region));
    }

    /** Work on the agent whose failures become clean build failures. */
    @FunctionalInterface
    interface AgentAction<T> {
        T run() throws Exception;
    }

    /** Runs agent work; an AbortException passes through, anything else becomes one (message, no stack trace). */
    static <T> T abortOnFailure(AgentAction<T> action) throws AbortException {
        try {
            return action.run();
        } catch (AbortException e) {
            throw e;
        } catch (Exception e) {
            throw abort(e);
        }
    }

    /** Bad manifests and config fail the build with their message only (no stack trace). */
    static AbortException abort(Exception e) {
        if (e instanceof ManifestException || e instanceof ConfigException) {
            return new AbortException(e.getMessage());
        }
        return new AbortException(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
}
