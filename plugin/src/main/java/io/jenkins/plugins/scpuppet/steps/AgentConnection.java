package io.jenkins.plugins.scpuppet.steps;

import io.jenkins.plugins.scpuppet.aws.AwsClients;

/**
 * What {@link AgentAws#connect} resolved on the agent: the home region and the clients, closed when the work ends.
 * Never serialized.
 */
record AgentConnection(String region, AwsClients clients) implements AutoCloseable {
    @Override
    public void close() {
        clients.close();
    }
}
