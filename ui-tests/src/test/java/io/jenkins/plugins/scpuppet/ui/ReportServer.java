package io.jenkins.plugins.scpuppet.ui;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Serves the report app (plugin/src/main/webapp/report) and recorded reports: /<fixture>/report.html. */
final class ReportServer implements AutoCloseable {
    static final Path APP = Path.of("..", "plugin", "src", "main", "webapp", "report")
            .toAbsolutePath()
            .normalize();
    private final HttpServer server;

    ReportServer(Map<String, Path> reports) throws IOException {
        this(reports, Map.of());
    }

    /** Also serves {@code files} by name under any first segment (pages, trend JSON, ECharts). */
    ReportServer(Map<String, Path> reports, Map<String, Path> files) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            try (exchange) {
                String[] parts = exchange.getRequestURI().getPath().split("/");
                Path file = parts.length != 3
                        ? null
                        : parts[2].equals("run-report.json")
                                ? reports.get(parts[1])
                                : files.containsKey(parts[2])
                                        ? files.get(parts[2])
                                        : APP.resolve(parts[2]).normalize();
                if (file == null
                        || !Files.isRegularFile(file)
                        || (!file.startsWith(APP) && !reports.containsValue(file) && !files.containsValue(file))) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                String name = file.getFileName().toString();
                String type = name.endsWith(".html")
                        ? "text/html"
                        : name.endsWith(".js")
                                ? "text/javascript"
                                : name.endsWith(".css") ? "text/css" : "application/json";
                byte[] body = Files.readAllBytes(file);
                exchange.getResponseHeaders().add("Content-Type", type + "; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
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
