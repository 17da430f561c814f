package io.jenkins.plugins.scpuppet.aws;

import io.jenkins.plugins.scpuppet.standin.AwsStandIn;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the tests against the demo-seeded stand-in: a fresh stand-in, SDK clients and cache folder per test. */
abstract class StandInTest {
    static final String HUB = DemoStandIn.HUB;

    @TempDir
    Path cache;

    AwsStandIn standIn;
    AwsClients clients;

    @BeforeEach
    void startStandIn() throws Exception {
        standIn = DemoStandIn.start();
        clients = DemoStandIn.clients(standIn);
    }

    @AfterEach
    void stopStandIn() {
        clients.close();
        standIn.close();
    }
}
