package io.jenkins.plugins.scpuppet.standin;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Just enough HTTP/1.1 framing for {@link FaultProxy} to relay messages byte for byte: a message's head (start line and
 * headers, kept as sent) and its body, delimited by Content-Length or chunked encoding.
 */
final class HttpFraming {
    private static final int MAX_LINE = 64 * 1024;

    private HttpFraming() {}

    /** A start line and its headers, in the order and spelling they were sent. */
    record Head(String startLine, List<String> headers) {
        String header(String name) {
            for (String h : headers) {
                int colon = h.indexOf(':');
                if (colon > 0 && h.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return h.substring(colon + 1).trim();
                }
            }
            return null;
        }

        Head without(String name) {
            List<String> kept = new ArrayList<>();
            for (String h : headers) {
                int colon = h.indexOf(':');
                if (colon <= 0 || !h.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    kept.add(h);
                }
            }
            return new Head(startLine, kept);
        }

        boolean chunked() {
            String te = header("Transfer-Encoding");
            return te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
        }

        /** The declared length, or -1 when there is none. */
        long contentLength() {
            String cl = header("Content-Length");
            return cl == null ? -1 : Long.parseLong(cl);
        }

        boolean closes() {
            String c = header("Connection");
            return c != null && c.equalsIgnoreCase("close");
        }

        void writeTo(OutputStream out) throws IOException {
            StringBuilder s = new StringBuilder(startLine).append("\r\n");
            for (String h : headers) {
                s.append(h).append("\r\n");
            }
            out.write(s.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /** The next message's head, or null if the peer closed the connection before sending one. */
    static Head readHead(InputStream in) throws IOException {
        String start = readLine(in);
        while (start != null && start.isEmpty()) {
            start = readLine(in); // stray CRLF between messages is allowed
        }
        if (start == null) {
            return null;
        }
        List<String> headers = new ArrayList<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            headers.add(line);
        }
        return new Head(start, headers);
    }

    /** Copies a body framed as the head says; {@code toEof} bodies (responses without framing) run to end of stream. */
    static void copyBody(Head head, InputStream in, OutputStream out, boolean toEof) throws IOException {
        if (head.chunked()) {
            copyChunked(in, out);
        } else if (head.contentLength() >= 0) {
            copyExactly(in, out, head.contentLength());
        } else if (toEof) {
            in.transferTo(out);
        }
    }

    private static void copyChunked(InputStream in, OutputStream out) throws IOException {
        while (true) {
            String sizeLine = requireLine(in);
            writeLine(out, sizeLine);
            int semi = sizeLine.indexOf(';');
            long size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            if (size == 0) {
                for (String trailer = requireLine(in); ; trailer = requireLine(in)) {
                    writeLine(out, trailer);
                    if (trailer.isEmpty()) {
                        return;
                    }
                }
            }
            copyExactly(in, out, size);
            writeLine(out, requireLine(in)); // the CRLF after the chunk's data
        }
    }

    private static void copyExactly(InputStream in, OutputStream out, long n) throws IOException {
        byte[] buf = new byte[16 * 1024];
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) {
                throw new EOFException("the message ended " + n + " bytes early");
            }
            out.write(buf, 0, r);
            n -= r;
        }
    }

    private static void writeLine(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String requireLine(InputStream in) throws IOException {
        String line = readLine(in);
        if (line == null) {
            throw new EOFException("the connection closed inside a chunked body");
        }
        return line;
    }

    /** A line without its CRLF, or null at end of stream before any byte. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("an HTTP line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        if (line.size() == 0) {
            return null;
        }
        throw new EOFException("the connection closed inside a line");
    }
}
