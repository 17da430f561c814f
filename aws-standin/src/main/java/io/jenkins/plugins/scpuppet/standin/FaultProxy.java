package io.jenkins.plugins.scpuppet.standin;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A loopback HTTP/1.1 proxy in front of an S3 endpoint (S3Proxy, the AWS stand-in) that injects faults the way a busy
 * S3 does: a fixed delay before every request, and a fraction of requests answered {@code 503 SlowDown} with S3's
 * own error body, or {@code 429 Too Many Requests} as other S3-compatible stores answer. Everything else is relayed byte
 * for byte (host header and signatures included). Which requests fail depends only on the seed and the request's
 * number, so a run's fault pattern can be repeated. In rate-limit mode, requests beyond N a second (a {@link TokenBucket})
 * are answered {@code 503 SlowDown}, as S3 answers a prefix that gets more requests than it can take. One thread per client connection, at most {@code maxConnections}
 * of them; a connection beyond that is closed at once (the client sees a reset and retries).
 */
public final class FaultProxy implements AutoCloseable {
    private static final String SLOW_DOWN = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message>"
            + "<RequestId>%s</RequestId><HostId>fault-proxy</HostId></Error>";
    private static final String TOO_MANY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<Error><Code>TooManyRequests</Code><Message>Too many requests, please slow down.</Message>"
            + "<RequestId>%s</RequestId></Error>";
    private static final String INTERNAL = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again."
            + "</Message><RequestId>%s</RequestId><HostId>fault-proxy</HostId></Error>";

    private final InetSocketAddress upstream;
    private final ServerSocket server;
    private final ThreadPoolExecutor connections;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private volatile long latencyNanos;
    private volatile double slowDownFraction;
    private volatile double tooManyFraction;
    private volatile double internalFraction;
    private volatile long seed;
    private volatile TokenBucket rateLimit;
    private volatile Predicate<String> dropAnswer = line -> false;

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong slowDowns = new AtomicLong();
    private final AtomicLong tooManys = new AtomicLong();
    private final AtomicLong internals = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong overRate = new AtomicLong();
    private final AtomicLong droppedAnswers = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    private FaultProxy(URI upstream, int maxConnections) throws IOException {
        this.upstream = new InetSocketAddress(upstream.getHost(), upstream.getPort());
        this.server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        AtomicInteger n = new AtomicInteger();
        this.connections =
                new ThreadPoolExecutor(0, maxConnections, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "fault-proxy-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.acceptor = new Thread(this::accept, "fault-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy on 127.0.0.1 (a free port) relaying to {@code upstream} (http://host:port), with no faults yet. */
    public static FaultProxy start(URI upstream) throws IOException {
        return start(upstream, 256);
    }

    public static FaultProxy start(URI upstream, int maxConnections) throws IOException {
        return new FaultProxy(upstream, maxConnections);
    }

    /** Where clients send their requests instead of the upstream. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Adds this delay before every request is answered (relayed or refused). */
    public FaultProxy latency(Duration delay) {
        this.latencyNanos = delay.toNanos();
        return this;
    }

    /** Answers this fraction of requests {@code 503 SlowDown} and that fraction {@code 429}, chosen by the seed. */
    public FaultProxy throttle(double slowDown, double tooManyRequests, long seed) {
        if (slowDown < 0 || tooManyRequests < 0 || slowDown + tooManyRequests + internalFraction > 1) {
            throw new IllegalArgumentException("fractions must be in [0, 1] and add up to at most 1");
        }
        this.seed = seed;
        this.slowDownFraction = slowDown;
        this.tooManyFraction = tooManyRequests;
        return this;
    }

    /** Also answers this further fraction {@code 500 InternalError}: an error that is not throttling. */
    public FaultProxy internalErrors(double fraction) {
        if (fraction < 0 || slowDownFraction + tooManyFraction + fraction > 1) {
            throw new IllegalArgumentException("fractions must be in [0, 1] and add up to at most 1");
        }
        this.internalFraction = fraction;
        return this;
    }

    /** Answers the requests beyond {@code perSecond} a second {@code 503 SlowDown}, besides any other fault. */
    public FaultProxy rateLimit(double perSecond) {
        this.rateLimit = new TokenBucket(perSecond, System::nanoTime);
        return this;
    }

    /** Relays the matching requests, then cuts the client's connection unanswered: done upstream, answer lost. */
    public FaultProxy dropAnswers(Predicate<String> startLine) {
        this.dropAnswer = startLine;
        return this;
    }

    /** Requests relayed whose answers were dropped. */
    public long droppedAnswers() {
        return droppedAnswers.get();
    }

    /** No more faults (the delay stays). */
    public FaultProxy healthy() {
        internalFraction = 0;
        rateLimit = null;
        dropAnswer = line -> false;
        return throttle(0, 0, seed);
    }

    public long requests() {
        return requests.get();
    }

    /** Requests answered SlowDown, at random or over the rate limit. */
    public long slowDowns() {
        return slowDowns.get();
    }

    /** Of the {@link #slowDowns}, those over the rate limit. */
    public long overRate() {
        return overRate.get();
    }

    public long tooManyRequests() {
        return tooManys.get();
    }

    public long internalErrors() {
        return internals.get();
    }

    /** Requests answered from the upstream. */
    public long relayed() {
        return requests.get() - slowDowns.get() - tooManys.get() - internals.get();
    }

    /**
     * The most requests held at once between their arrival (body read) and the start of their answer: what the
     * clients had in flight, less the round trip outside this proxy.
     */
    public int mostInFlight() {
        return mostInFlight.get();
    }

    /** Connections closed at once because {@code maxConnections} were open. */
    public long refusedConnections() {
        return refused.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                connections.execute(() -> serve(client));
            } catch (RejectedExecutionException e) {
                refused.incrementAndGet();
                closeQuietly(client);
            }
        }
    }

    /** Serves one client connection's requests in turn, over one upstream connection opened when needed. */
    private void serve(Socket client) {
        Socket up = null;
        open.add(client);
        try (client) {
            client.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = new BufferedOutputStream(client.getOutputStream());
            for (HttpFraming.Head head = HttpFraming.readHead(in); head != null; head = HttpFraming.readHead(in)) {
                boolean expects = "100-continue".equalsIgnoreCase(head.header("Expect"));
                if (expects) {
                    // Answered here so that a refused request's body is still read and the connection stays usable.
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    head = head.without("Expect");
                }
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                HttpFraming.copyBody(head, in, body, false);
                long n = requests.incrementAndGet();
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                boolean refused;
                try {
                    delay();
                    refused = refuse(head, n, out);
                } finally {
                    inFlight.decrementAndGet();
                }
                if (refused) {
                    out.flush();
                    continue;
                }
                if (dropAnswer.test(head.startLine())) {
                    droppedAnswers.incrementAndGet();
                    Socket used = relay(head, body.toByteArray(), up, OutputStream.nullOutputStream());
                    up = null;
                    if (used != null) {
                        closeQuietly(used);
                    }
                    return; // closes the client's connection, unanswered
                }
                up = relay(head, body.toByteArray(), up, out);
                out.flush();
                if (up == null || head.closes()) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client or the upstream went away: nothing to answer
        } finally {
            open.remove(client);
            if (up != null) {
                closeQuietly(up);
            }
        }
    }

    private void delay() {
        long nanos = latencyNanos;
        if (nanos > 0) {
            try {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)); // the injected latency itself
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Answers a throttling error instead of relaying, if this request's number falls in a fault fraction. */
    private boolean refuse(HttpFraming.Head head, long n, OutputStream out) throws IOException {
        double u = uniform(seed, n);
        String requestId = "FAULT" + n;
        TokenBucket limit = rateLimit;
        boolean over = limit != null && !limit.take();
        if (over) {
            overRate.incrementAndGet();
        }
        if (over || u < slowDownFraction) {
            slowDowns.incrementAndGet();
            answer(out, head, "503 Slow Down", String.format(SLOW_DOWN, requestId));
            return true;
        }
        if (u < slowDownFraction + tooManyFraction) {
            tooManys.incrementAndGet();
            answer(out, head, "429 Too Many Requests", String.format(TOO_MANY, requestId));
            return true;
        }
        if (u < slowDownFraction + tooManyFraction + internalFraction) {
            internals.incrementAndGet();
            answer(out, head, "500 Internal Server Error", String.format(INTERNAL, requestId));
            return true;
        }
        return false;
    }

    private static void answer(OutputStream out, HttpFraming.Head request, String status, String xml)
            throws IOException {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        boolean head = request.startLine().startsWith("HEAD ");
        String headers = "HTTP/1.1 " + status + "\r\n"
                + "Content-Type: application/xml\r\n"
                + "Content-Length: " + (head ? 0 : body.length) + "\r\n"
                + "x-amz-request-id: FAULT\r\n"
                + "\r\n";
        out.write(headers.getBytes(StandardCharsets.ISO_8859_1));
        if (!head) {
            out.write(body);
        }
    }

    /**
     * Sends the request upstream (again on a fresh connection if a kept-alive one turns out closed) and copies the
     * response back. Returns the upstream connection if it can carry another request, else null.
     */
    private Socket relay(HttpFraming.Head head, byte[] body, Socket up, OutputStream out) throws IOException {
        boolean reused = up != null;
        Socket conn = reused ? up : open();
        InputStream upIn;
        HttpFraming.Head response;
        try {
            send(conn, head, body);
            upIn = new BufferedInputStream(conn.getInputStream());
            response = HttpFraming.readHead(upIn);
            if (response == null) {
                throw new IOException("the upstream closed the connection");
            }
        } catch (IOException e) {
            closeQuietly(conn);
            if (!reused) {
                throw e;
            }
            return relay(head, body, null, out); // the kept-alive connection had been closed by the upstream
        }
        response.writeTo(out);
        boolean bodiless = head.startLine().startsWith("HEAD ") || noBody(response.startLine());
        boolean framed = response.chunked() || response.contentLength() >= 0;
        if (!bodiless) {
            HttpFraming.copyBody(response, upIn, out, true);
        }
        if (response.closes() || (!bodiless && !framed)) {
            closeQuietly(conn);
            return null;
        }
        return conn;
    }

    private static boolean noBody(String statusLine) {
        String[] parts = statusLine.split(" ", 3);
        int code = parts.length > 1 ? Integer.parseInt(parts[1]) : 200;
        return code / 100 == 1 || code == 204 || code == 304;
    }

    private Socket open() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(upstream, 10_000);
        return s;
    }

    private static void send(Socket conn, HttpFraming.Head head, byte[] body) throws IOException {
        OutputStream upOut = new BufferedOutputStream(conn.getOutputStream());
        head.writeTo(upOut);
        upOut.write(body); // as it came: Content-Length or chunked framing bytes
        upOut.flush();
    }

    /** A uniform number in [0, 1) from the seed and the request number (SplitMix64's finaliser). */
    static double uniform(long seed, long n) {
        long z = seed + n * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(FaultProxy::closeQuietly); // unblocks the threads reading from them
        connections.shutdownNow();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
