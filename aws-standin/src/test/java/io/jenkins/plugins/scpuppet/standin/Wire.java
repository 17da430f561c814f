package io.jenkins.plugins.scpuppet.standin;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raw requests to the stand-in, as the SDK sends them on the wire (the stand-in reads the SigV4 credential scope and
 * does not verify signatures), so the tests see exactly what each protocol answers.
 */
final class Wire {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Response(int status, String body, String errorType) {}

    private final AwsStandIn standIn;
    private final String accessKey;
    private final String region;

    Wire(AwsStandIn standIn, String accessKey, String region) {
        this.standIn = standIn;
        this.accessKey = accessKey;
        this.region = region;
    }

    Wire as(String otherKey) {
        return new Wire(standIn, otherKey, region);
    }

    /** An awsQuery call (CloudFormation, STS). */
    Response query(String service, String action, Map<String, String> params) throws Exception {
        StringBuilder form = new StringBuilder("Action=" + action + "&Version=v");
        params.forEach((k, v) -> form.append('&')
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(
                service,
                HttpRequest.newBuilder(standIn.endpoint())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
    }

    /** An awsJson1_1 call. */
    Response json(String service, String target, String body) throws Exception {
        return send(
                service,
                HttpRequest.newBuilder(standIn.endpoint())
                        .header("X-Amz-Target", target)
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Lambda Invoke (restJson1). */
    Response invoke(String function) throws Exception {
        return send(
                "lambda",
                HttpRequest.newBuilder(
                                URI.create(standIn.endpoint() + "/2015-03-31/functions/" + function + "/invocations"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")));
    }

    private Response send(String service, HttpRequest.Builder b) throws Exception {
        b.header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=" + accessKey + "/20260101/" + region + "/" + service
                        + "/aws4_request, SignedHeaders=host, Signature=0");
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(
                r.statusCode(),
                r.body(),
                r.headers().firstValue("x-amzn-ErrorType").orElse(null));
    }

    /** The text of the first element of that name in an XML answer, or null. */
    static String xml(String body, String element) {
        Matcher m =
                Pattern.compile("<" + element + ">([^<]*)</" + element + ">").matcher(body);
        return m.find()
                ? m.group(1)
                        .replace("&quot;", "\"")
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&amp;", "&")
                : null;
    }

    static Map<String, String> params(String... kv) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put(kv[i], kv[i + 1]);
        }
        return out;
    }
}
