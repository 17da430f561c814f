package io.jenkins.plugins.scpuppet.steps;

import io.jenkins.plugins.scpuppet.aws.AwsClients;
import io.jenkins.plugins.scpuppet.aws.AwsSettings;
import io.jenkins.plugins.scpuppet.aws.RoleSession;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The AWS part of the step's environment, carried to the agent and turned into clients there: credentials that
 * withAWS or withCredentials put in the environment, else the agent's own default chain (instance role, profile, web
 * identity). {@link #toString()} never shows a secret.
 */
final class AgentAws implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String[] KEYS = {
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION",
        "AWS_PROFILE"
    };
    private final Map<String, String> env;
    /** The build, as Run.getExternalizableId gives it ({@code <job full name>#<number>}), or null. */
    private final String build;

    private AgentAws(Map<String, String> env, String build) {
        this.env = env;
        this.build = build;
    }

    /** Only the AWS variables leave the controller; nothing else of the environment is copied. */
    static AgentAws from(Map<String, String> environment) {
        return from(environment, null);
    }

    /** As {@link #from(Map)}, for a build: role sessions are then named {@code <job>-<build>}. */
    static AgentAws from(Map<String, String> environment, String build) {
        Map<String, String> env = new TreeMap<>();
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

    /** The home region: the step's, else AWS_REGION, else AWS_DEFAULT_REGION. */
    String region(String fromStep) {
        if (fromStep != null && !fromStep.isEmpty()) {
            return fromStep;
        }
        return env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", "eu-west-1"));
    }

    /** Clients for a home region: roles are assumed through STS there, their sessions named after the build. */
    AwsClients clients(String homeRegion) {
        AwsSettings base = AwsSettings.defaults().withHomeRegion(homeRegion);
        RoleSession session = session();
        if (session != null) {
            base = base.withSession(session);
        }
        String key = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (key == null || secret == null) {
            return new AwsClients(base.withEndpoint(null, DefaultCredentialsProvider.builder().build()));
        }
        String token = env.get("AWS_SESSION_TOKEN");
        var credentials = token == null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret))
                : StaticCredentialsProvider.create(AwsSessionCredentials.create(key, secret, token));
        return new AwsClients(base.withEndpoint(null, credentials));
    }

    /** Values that must never appear in a log line. */
    java.util.List<String> secrets() {
        return env.entrySet().stream()
                .filter(e -> !e.getKey().endsWith("REGION") && !e.getKey().equals("AWS_PROFILE"))
                .map(Map.Entry::getValue)
                .toList();
    }

    @Override
    public String toString() {
        return "AgentAws" + env.keySet();
    }
}
