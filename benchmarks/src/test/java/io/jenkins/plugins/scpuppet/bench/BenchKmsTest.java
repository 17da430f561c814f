package io.jenkins.plugins.scpuppet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchKmsTest {
    @Test
    void shouldSignAndThenStopEveryNonDaemonThreadItStarted() throws Exception {
        long before = nonDaemonHttpDispatchers();
        byte[] index = "index".getBytes(StandardCharsets.UTF_8);
        assertThat(BenchKms.signer().verify(index, BenchKms.signer().sign(index).mac()))
                .isTrue();
        assertThat(nonDaemonHttpDispatchers()).isGreaterThan(before);

        BenchKms.stop();

        // The stand-in's dispatcher is gone (server.stop joins it): nothing of it keeps a finished benchmark alive.
        assertThat(nonDaemonHttpDispatchers()).isEqualTo(before);
    }

    private static long nonDaemonHttpDispatchers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon() && t.getName().startsWith("HTTP-Dispatcher"))
                .count();
    }
}
