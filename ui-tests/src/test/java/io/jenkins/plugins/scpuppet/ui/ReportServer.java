package io.jenkins.plugins.scpuppet.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the report app (plugin/src/main/webapp/report) and recorded reports: /<fixture>/report.html.
 *
 * <p>Every response carries {@link #CSP}, a policy stricter than Jenkins' own (which allows inline styles), unless the
 * page was asked for with {@code ?csp=off}: the hostile-data tests use that to show the page is safe without any help
 * from the policy. Every HTML page gets {@code csp-probe.js} (a test-only file, not inline) as its first script, which
 * records each violation in {@code window.__cspViolations}. Every request path is logged.
 */
final class ReportServer implements AutoCloseable {
    static final Path APP = Path.of("..", "plugin", "src", "main", "webapp", "report")
            .toAbsolutePath()
            .normalize();
    static final Path PROBE =
            Path.of("src", "test", "resources", "csp-probe.js").toAbsolutePath();
    /** 'report-sample' only asks the browser to quote the blocked code in its report; it allows nothing. */
    static final String CSP = "default-src 'none'; script-src 'self' 'report-sample'; style-src 'self' 'report-sample';"
            + " img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** A 1x1 PNG under any first segment, for Browser.pwnedAfterImagesSettle: it loads without a console error. */
    static final byte[] SETTLE_PNG = java.util.Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    private static final Pattern HEAD = Pattern.compile("<head[^>]*>", Pattern.CASE_INSENSITIVE);
    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    ReportServer(Map<String, Path> reports) throws IOException {
        this(reports, Map.of());
    }

    /** Also serves {@code files} by name under any first segment (pages, trend JSON, ECharts). */
    ReportServer(Map<String, Path> reports, Map<String, Path> files) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            try (exchange) {
                requests.add(exchange.getRequestURI().getPath());
                String[] parts = exchange.getRequestURI().getPath().split("/");
                if (parts.length == 3 && parts[2].equals("settle.png")) {
                    exchange.getResponseHeaders().add("Content-Type", "image/png");
                    exchange.sendResponseHeaders(200, SETTLE_PNG.length);
                    exchange.getResponseBody().write(SETTLE_PNG);
                    return;
                }
                Path file = parts.length != 3
                        ? null
                        : parts[2].equals("run-report.json")
                                ? reports.get(parts[1])
                                : parts[2].equals("csp-probe.js")
                                        ? PROBE
                                        : files.containsKey(parts[2])
                                                ? files.get(parts[2])
                                                : APP.resolve(parts[2]).normalize();
                if (file == null
                        || !Files.isRegularFile(file)
                        || (!file.startsWith(APP)
                                && !file.equals(PROBE)
                                && !reports.containsValue(file)
                                && !files.containsValue(file))) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                send(exchange, file);
            }
        });
        server.start();
    }

    private static void send(HttpExchange exchange, Path file) throws IOException {
        String name = file.getFileName().toString();
        String type = name.endsWith(".html")
                ? "text/html"
                : name.endsWith(".js") ? "text/javascript" : name.endsWith(".css") ? "text/css" : "application/json";
        byte[] body = Files.readAllBytes(file);
        if (name.endsWith(".html")) {
            body = withProbe(new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        }
        String query = exchange.getRequestURI().getQuery();
        if (query == null || !query.contains("csp=off")) {
            exchange.getResponseHeaders().add("Content-Security-Policy", CSP);
        }
        exchange.getResponseHeaders().add("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The page with the probe as the first thing in its head, so it hears every later violation. */
    static String withProbe(String html) {
        Matcher head = HEAD.matcher(html);
        if (!head.find()) {
            throw new IllegalArgumentException("a test page without <head>");
        }
        return html.substring(0, head.end()) + "<script src=\"csp-probe.js\"></script>" + html.substring(head.end());
    }

    /** The paths asked for so far, in order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    String url(String fixture) {
        return url(fixture, "report.html");
    }

    String url(String fixture, String file) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + fixture + "/" + file;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
