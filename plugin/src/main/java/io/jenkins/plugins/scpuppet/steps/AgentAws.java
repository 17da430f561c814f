package io.jenkins.plugins.scpuppet.steps;

import hudson.AbortException;
import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.aws.AwsSettings;
import io.jenkins.plugins.scpuppet.aws.RoleSession;
import java.io.PrintStream;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * The AWS part of the step's environment, carried to the agent and turned into clients there. withAWS,
 * withCredentials and withEnv set these variables; only they leave the controller. Credentials: keys in the
 * environment, else a named profile, else the agent's default chain ({@link AgentCredentials}). Endpoints:
 * AWS_ENDPOINT_URL_S3 (S3 only), AWS_ENDPOINT_URL, else the profile's endpoint_url. {@link #toString()} never shows a
 * value.
 */
final class AgentAws implements Serializable {
    private static final long serialVersionUID = 2L;
    private static final String[] KEYS = {
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION",
        "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_ENDPOINT_URL",
        "AWS_ENDPOINT_URL_S3"
    };
    /** Variables whose values are credentials: masked wherever the log shows text. */
    private static final List<String> SECRET_KEYS =
            List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");
    /** The home region when neither the step, the environment nor the profile gives one. */
    static final String FALLBACK_REGION = "eu-west-1";

    private final TreeMap<String, String> env;
    /** The build, as Run.getExternalizableId gives it ({@code <job full name>#<number>}), or null. */
    private final String build;

    private AgentAws(TreeMap<String, String> env, String build) {
        this.env = env;
        this.build = build;
    }

    /** Only the AWS variables leave the controller; nothing else of the environment is copied. */
    static AgentAws from(Map<String, String> environment) {
        return from(environment, null);
    }

    /** As {@link #from(Map)}, for a build: role sessions are then named {@code <job>-<build>}. */
    static AgentAws from(Map<String, String> environment, String build) {
        TreeMap<String, String> env = new TreeMap<>();
        for (String k : KEYS) {
            String v = environment.get(k);
            if (v != null && !v.isEmpty()) {
                env.put(k, v);
            }
        }
        return new AgentAws(env, build);
    }

    /** {@code <job>-<build>} for the build's role sessions, or null without a build. */
    RoleSession session() {
        if (build == null) {
            return null;
        }
        int hash = build.lastIndexOf('#');
        return hash < 0
                ? RoleSession.named(build)
                : RoleSession.forBuild(build.substring(0, hash), build.substring(hash + 1));
    }

    /**
     * On the agent: resolves credentials, region and endpoints, logs one line saying where the credentials come from
     * (and any endpoint override), and opens the clients. Roles are assumed through STS in the home region, their
     * sessions named after the build.
     *
     * @param stepRegion the step's homeRegion/region parameter, or null
     */
    AgentConnection connect(String stepRegion, BuildLog log) throws AbortException {
        AgentCredentials credentials = AgentCredentials.resolve(env);
        String[][] regions = {
            {stepRegion, "the step"},
            {env.get("AWS_REGION"), "AWS_REGION"},
            {env.get("AWS_DEFAULT_REGION"), "AWS_DEFAULT_REGION"},
            {credentials.profileProperty(ProfileProperty.REGION).orElse(null), "the profile"},
            {FALLBACK_REGION, "the default"}
        };
        String[] region = first(regions);
        String profileEndpoint = credentials.profileProperty(ProfileProperty.ENDPOINT_URL).orElse(null);
        URI endpoint = endpoint(firstOf(env.get("AWS_ENDPOINT_URL"), profileEndpoint));
        URI s3Endpoint =
                endpoint(firstOf(env.get("AWS_ENDPOINT_URL_S3"), env.get("AWS_ENDPOINT_URL"), profileEndpoint));
        StringBuilder line = new StringBuilder("AWS credentials from ").append(credentials.source());
        line.append("; home region ").append(region[0]).append(" (from ").append(region[1]).append(')');
        if (endpoint != null) {
            line.append("; endpoint ").append(endpoint);
        }
        if (s3Endpoint != null && !s3Endpoint.equals(endpoint)) {
            line.append("; S3 endpoint ").append(s3Endpoint);
        }
        log.mask(credentials.secrets());
        log.line(line.toString());

        AwsSettings base = AwsSettings.defaults().withHomeRegion(region[0]);
        RoleSession session = session();
        if (session != null) {
            base = base.withSession(session);
        }
        AwsClients clients = new AwsClients(base.withEndpoint(endpoint, credentials.provider()));
        if (s3Endpoint != null && !s3Endpoint.equals(endpoint)) {
            clients.withS3(new AwsClients(base.withEndpoint(s3Endpoint, credentials.provider())));
        }
        return new AgentConnection(region[0], clients);
    }

    /** Values that must never appear in a log line: the keys in the environment. */
    List<String> secrets() {
        List<String> out = new ArrayList<>();
        SECRET_KEYS.forEach(k -> {
            if (env.containsKey(k)) {
                out.add(env.get(k));
            }
        });
        return out;
    }

    /** A build log masking these secrets. */
    BuildLog log(PrintStream stream) {
        return new BuildLog(stream, secrets());
    }

    private static URI endpoint(String value) throws AbortException {
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new AbortException("AWS endpoint '" + value + "' is not an http(s) URL (AWS_ENDPOINT_URL,"
                + " AWS_ENDPOINT_URL_S3 or the profile's endpoint_url)");
    }

    private static String firstOf(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    /** The first {value, source} pair with a value; the last pair is the fallback. */
    private static String[] first(String[][] candidates) {
        for (String[] c : candidates) {
            if (c[0] != null && !c[0].isBlank()) {
                return c;
            }
        }
        return candidates[candidates.length - 1];
    }

    @Override
    public String toString() {
        return "AgentAws" + env.keySet();
    }
}
