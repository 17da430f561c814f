package io.jenkins.plugins.scpuppet.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.standin.FaultProxy;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * S3 carries out a lease write whose answer the agent never gets (the fault proxy relays it to S3Proxy, then cuts the
 * connection). The SDK retries a cut connection as it would against S3; the retry meets the lease the first attempt
 * wrote, and the lease must know it for its own instead of waiting for it to lapse.
 */
class LostLeaseAnswerTest {
    private LocalS3 server;
    private FaultProxy faults;
    private AwsClients clients;

    @BeforeEach
    void start() throws Exception {
        server = new LocalS3();
        faults = FaultProxy.start(server.endpoint());
        clients = new AwsClients(LocalS3.settingsAt(faults.endpoint()));
    }

    @AfterEach
    void stop() throws Exception {
        clients.close();
        faults.close();
        server.close();
    }

    @Test
    void shouldTakeTheLeaseAtOnceWhenItsFirstWriteLandedButItsAnswerWasCut() {
        AtomicInteger leasePuts = new AtomicInteger();
        faults.dropAnswers(line -> line.startsWith("PUT ")
                && line.contains("/" + CacheKeys.LEASE + " ")
                && leasePuts.incrementAndGet() == 1);
        S3Store store = new S3Store(clients.s3("eu-west-1"), server.bucket);
        Lease lease = new Lease(store, Clock.systemUTC(), "build-A", Duration.ofMinutes(3));
        StringBuilder why = new StringBuilder();

        Optional<Lease.Held> held = lease.tryAcquire(why);

        assertThat(faults.droppedAnswers())
                .as("the first write's answer was cut")
                .isEqualTo(1);
        assertThat(leasePuts.get())
                .as("the cut write, the SDK's retry (refused: the lease exists), the take-back of our own")
                .isEqualTo(3);
        assertThat(held).as("held at once, not after it lapses: %s", why).isPresent();
        assertThat(held.get().etag())
                .isEqualTo(store.getStamped(CacheKeys.LEASE).etag());
        lease.release(held.get());
        assertThat(store.get(CacheKeys.LEASE)).as("released").isNull();
    }
}
