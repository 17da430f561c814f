package io.jenkins.plugins.scpuppet.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fault proxy in front of a JDK HTTP server that echoes request bodies. */
class FaultProxyTest {
    private HttpServer upstream;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        // The JDK server's headers and body go out in two writes: without this, Nagle's algorithm and delayed ACKs
        // hold each response for 40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            byte[] answer = (ex.getRequestMethod() + " " + ex.getRequestURI() + " " + new String(body)).getBytes();
            ex.sendResponseHeaders(200, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        upstream.start();
    }

    @AfterEach
    void stop() {
        upstream.stop(0);
    }

    private URI upstreamUri() {
        return URI.create("http://127.0.0.1:" + upstream.getAddress().getPort());
    }

    private List<Integer> statuses(FaultProxy proxy, int n) throws Exception {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(proxy.endpoint().resolve("/b/k" + i))
                            .PUT(HttpRequest.BodyPublishers.ofString("body" + i))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                assertThat(r.body()).isEqualTo("PUT /b/k" + i + " body" + i);
            } else if (r.statusCode() == 503) {
                assertThat(r.body()).contains("<Code>SlowDown</Code>", "Please reduce your request rate.");
            } else {
                assertThat(r.body()).contains("<Code>TooManyRequests</Code>");
            }
            out.add(r.statusCode());
        }
        return out;
    }

    @Test
    void shouldRelayBodiesAndThrottleTheSameRequestsForTheSameSeed() throws Exception {
        List<Integer> first;
        try (FaultProxy proxy = FaultProxy.start(upstreamUri()).throttle(0.3, 0.1, 42)) {
            first = statuses(proxy, 400);
            assertThat(proxy.requests()).isEqualTo(400);
            assertThat(proxy.slowDowns()).isBetween(80L, 160L);
            assertThat(proxy.tooManyRequests()).isBetween(20L, 60L);
            assertThat(proxy.relayed())
                    .isEqualTo(first.stream().filter(s -> s == 200).count());
        }
        try (FaultProxy again = FaultProxy.start(upstreamUri()).throttle(0.3, 0.1, 42)) {
            assertThat(statuses(again, 400)).isEqualTo(first);
        }
    }

    @Test
    void shouldDelayEveryRequestAndRelayAllWhenHealthy() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(upstreamUri()).latency(Duration.ofMillis(20))) {
            long start = System.nanoTime();
            assertThat(statuses(proxy, 10)).containsOnly(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(proxy.slowDowns()).isZero();
        }
    }

    @Test
    void shouldAnswerRequestsOverTheRateLimitSlowDown() throws Exception {
        // One token, and the next in 100 s: the first request passes, the rest are over the rate however fast it runs.
        try (FaultProxy proxy = FaultProxy.start(upstreamUri()).rateLimit(0.01)) {
            assertThat(statuses(proxy, 5)).containsExactly(200, 503, 503, 503, 503);
            assertThat(proxy.overRate()).isEqualTo(4);
            assertThat(proxy.slowDowns()).isEqualTo(4);
            proxy.healthy();
            assertThat(statuses(proxy, 2)).containsOnly(200);
        }
    }
}
