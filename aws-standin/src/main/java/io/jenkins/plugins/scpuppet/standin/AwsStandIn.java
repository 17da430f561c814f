package io.jenkins.plugins.scpuppet.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An in-process AWS stand-in on 127.0.0.1 that the real AWS SDK reaches through its endpoint override. It speaks
 * awsJson1_1 (Service Catalog, SSM, CodeBuild, EventBridge, Organizations, KMS), awsQuery (CloudFormation, STS) and
 * restJson1 (Lambda invoke), keeps state per account and region, and injects faults on request.
 *
 * <p>Requests must be SigV4-signed (the signature is not verified): the access key decides the account, the credential
 * scope the region. Calls signed with credentials from AssumeRole are evaluated against that role's policies first
 * ({@link Iam}). It is a test double for this project's calls, not a general AWS emulator.
 */
public final class AwsStandIn implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The JDK's HTTP server leaves Nagle's algorithm on unless told otherwise, so every small response waits for
        // the client's delayed ACK (about 40 ms a call). It reads this property once, when its first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Faults faults = new Faults();
    private final String defaultAccount;
    private final Map<String, JsonService> jsonServices = new HashMap<>();
    private final Map<String, QueryService> queryServices = new HashMap<>();
    private final ServiceCatalogService serviceCatalog;
    private final CloudFormationService cloudFormation = new CloudFormationService();
    private final SsmService ssm = new SsmService();
    private final LambdaService lambda = new LambdaService();
    private final CodeBuildService codeBuild = new CodeBuildService();
    private final EventBridgeService eventBridge = new EventBridgeService();
    private final OrganizationsService organizations = new OrganizationsService();
    private final Iam iam;
    private final RequestAuthorizer authorizer;
    private final KmsService kms;
    private final ApiRateLimits rateLimits = new ApiRateLimits();
    /** Holds answers for the model's call latency without holding a thread. */
    private final ScheduledExecutorService replies = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "aws-standin-latency");
        t.setDaemon(true);
        return t;
    });

    private volatile LatencyModel latency = LatencyModel.OFF;

    private AwsStandIn(String defaultAccount) throws IOException {
        this.defaultAccount = defaultAccount;
        this.serviceCatalog = new ServiceCatalogService(cloudFormation);
        this.iam = new Iam(serviceCatalog);
        serviceCatalog.identities(iam::callerIdentityArn);
        this.authorizer = new RequestAuthorizer(iam, new ResourceArns(cloudFormation));
        cloudFormation.listen(iam.stackListener());
        organizations.onAccount(account -> iam.organizationAccount(account, defaultAccount));
        this.kms = new KmsService(authorizer::kms);
        for (JsonService s : new JsonService[] {serviceCatalog, ssm, codeBuild, eventBridge, organizations, kms}) {
            jsonServices.put(s.targetPrefix(), s);
        }
        for (QueryService s : new QueryService[] {cloudFormation, new StsService(iam)}) {
            queryServices.put(s.signingName(), s);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "aws-standin");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts on a free loopback port; calls without a recognisable account key land in {@code defaultAccount}. */
    public static AwsStandIn start(String defaultAccount) throws IOException {
        AwsStandIn standIn = new AwsStandIn(defaultAccount);
        standIn.server.start();
        return standIn;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public Faults faults() {
        return faults;
    }

    public ServiceCatalogService serviceCatalog() {
        return serviceCatalog;
    }

    public CloudFormationService cloudFormation() {
        return cloudFormation;
    }

    public SsmService ssm() {
        return ssm;
    }

    public LambdaService lambda() {
        return lambda;
    }

    public CodeBuildService codeBuild() {
        return codeBuild;
    }

    public EventBridgeService eventBridge() {
        return eventBridge;
    }

    public OrganizationsService organizations() {
        return organizations;
    }

    public KmsService kms() {
        return kms;
    }

    /**
     * Makes the stand-in as slow as AWS, scaled ({@link LatencyModel}): call latency, records and stacks that stay in
     * progress, per (account, region, service) rate limits. {@link LatencyModel#OFF} answers at once.
     */
    public void latencyModel(LatencyModel model) {
        latency = model;
        rateLimits.model(model);
        serviceCatalog.latencyModel(model);
        cloudFormation.latencyModel(model);
    }

    /** Calls refused by the rate limits ({@code ThrottlingException}, {@code Throttling}) since the start. */
    public long throttledCalls() {
        return rateLimits.throttled();
    }

    /** Calls received per "account/region/service" since the start, throttled ones included. */
    public Map<String, Long> callsPerKey() {
        return rateLimits.callsPerKey();
    }

    /** Calls received per "account/region/service operation" since the start, throttled ones included. */
    public Map<String, Long> callsPerKeyAndOperation() {
        return rateLimits.callsPerKeyAndOperation();
    }

    /** Calls the rate limits let through since the start. */
    public long allowedCalls() {
        return rateLimits.allowed();
    }

    /** IAM: roles from the stacks held here, sessions, enforcement (on unless turned off) and its recording. */
    public Iam iam() {
        return iam;
    }

    @Override
    public void close() {
        server.stop(0);
        replies.shutdownNow();
        executor.shutdownNow();
    }

    /** Answers after the model's call latency: the exchange waits in a timer queue, no thread waits with it. */
    private void handle(HttpExchange exchange) throws IOException {
        long delay = latency.callMillis();
        if (delay == 0) {
            answer(exchange);
            return;
        }
        try {
            replies.schedule(() -> executor.execute(() -> answerQuietly(exchange)), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            exchange.close();
        }
    }

    private void answerQuietly(HttpExchange exchange) {
        try {
            answer(exchange);
        } catch (IOException | RuntimeException clientGone) {
            exchange.close();
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String text = new String(body, StandardCharsets.UTF_8);
            try {
                Caller caller = Caller.from(exchange.getRequestHeaders().getFirst("Authorization"), defaultAccount);
                String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
                String path = exchange.getRequestURI().getPath();
                if (!rateLimits.tryAcquire(
                        caller.accountId(), caller.region(), caller.service(), operationOf(target, path, text))) {
                    throw throttled(target, path);
                }
                if (target != null) {
                    handleJson(exchange, caller, target, text);
                } else if (path.startsWith("/2015-03-31/functions/")) {
                    handleLambda(exchange, caller, path, text);
                } else {
                    handleQuery(exchange, caller, text);
                }
            } catch (AwsError e) {
                error(exchange, e);
            } catch (RuntimeException e) {
                error(exchange, new AwsError("InternalFailure", String.valueOf(e), 500));
            }
        }
    }

    /** The operation a request names, for counting: the JSON target's, Lambda's Invoke, or the query's Action. */
    private static String operationOf(String target, String path, String text) {
        if (target != null) {
            return target.substring(target.indexOf('.') + 1);
        }
        if (path.startsWith("/2015-03-31/functions/")) {
            return "Invoke";
        }
        String action = form(text).get("Action");
        return action == null ? "?" : action;
    }

    /** What AWS answers over its rate: each protocol has its own code. */
    private static AwsError throttled(String target, String path) {
        if (target != null) {
            return new AwsError("ThrottlingException", "Rate exceeded");
        }
        if (path.startsWith("/2015-03-31/")) {
            return new AwsError("TooManyRequestsException", "Rate exceeded", 429);
        }
        return new AwsError("Throttling", "Rate exceeded");
    }

    private void handleJson(HttpExchange exchange, Caller caller, String target, String text) throws IOException {
        int dot = target.indexOf('.');
        JsonService service = jsonServices.get(target.substring(0, Math.max(0, dot)));
        if (service == null) {
            throw new AwsError("UnknownOperationException", "unknown target " + target);
        }
        String operation = target.substring(dot + 1);
        JsonNode input = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        authorizer.json(caller, operation, input);
        faults.apply(operation, text);
        JsonNode output = service.handle(caller, operation, input);
        send(exchange, 200, "application/x-amz-json-1.1", JSON.writeValueAsBytes(output));
    }

    private void handleQuery(HttpExchange exchange, Caller caller, String text) throws IOException {
        Map<String, String> params = form(text);
        String action = params.get("Action");
        QueryService service = queryServices.get(caller.service());
        if (service == null || action == null) {
            throw new AwsError("InvalidAction", "no service for " + caller.service() + " " + action);
        }
        authorizer.query(caller, action, params);
        faults.apply(action, text);
        String result = service.handle(caller, action, params);
        String xml = "<" + action + "Response xmlns=\"" + service.xmlNamespace() + "\"><" + action + "Result>" + result
                + "</" + action + "Result><ResponseMetadata><RequestId>" + UUID.randomUUID()
                + "</RequestId></ResponseMetadata></" + action + "Response>";
        send(exchange, 200, "text/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    private void handleLambda(HttpExchange exchange, Caller caller, String path, String text) throws IOException {
        String function = URLDecoder.decode(
                path.substring("/2015-03-31/functions/".length()).replaceFirst("/invocations$", ""),
                StandardCharsets.UTF_8);
        authorizer.lambda(caller, function);
        faults.apply("Invoke", text);
        String type = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
        LambdaService.Result result = lambda.invoke(caller, function, type == null ? "RequestResponse" : type, text);
        if (result.functionError() != null) {
            exchange.getResponseHeaders().add("X-Amz-Function-Error", result.functionError());
        }
        send(exchange, result.status(), "application/json", result.payload().getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> form(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(k, v);
        }
        return params;
    }

    private void error(HttpExchange exchange, AwsError e) throws IOException {
        boolean json = exchange.getRequestHeaders().getFirst("X-Amz-Target") != null
                || exchange.getRequestURI().getPath().startsWith("/2015-03-31/");
        if (json) {
            ObjectNode body = JSON.createObjectNode().put("__type", e.code()).put("message", e.getMessage());
            exchange.getResponseHeaders().add("x-amzn-ErrorType", e.code());
            send(exchange, e.status(), "application/x-amz-json-1.1", JSON.writeValueAsBytes(body));
        } else {
            String xml = "<ErrorResponse><Error><Type>" + (e.status() >= 500 ? "Receiver" : "Sender") + "</Type>"
                    + Xml.el("Code", e.code()) + Xml.el("Message", e.getMessage()) + "</Error><RequestId>"
                    + UUID.randomUUID() + "</RequestId></ErrorResponse>";
            send(exchange, e.status(), "text/xml", xml.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
