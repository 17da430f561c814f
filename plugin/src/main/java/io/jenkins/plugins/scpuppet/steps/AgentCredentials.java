package io.jenkins.plugins.scpuppet.steps;

import hudson.AbortException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileLocation;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * Where the step's AWS credentials come from, decided on the agent from the step's AWS variables with pipeline-aws's
 * precedence: keys in the environment (withAWS(credentials:), withCredentials), else a named profile
 * (withAWS(profile:), AWS_PROFILE), else the agent's default chain. Profiles are read with the SDK's own
 * ProfileFile and ProfileCredentialsProvider, so role_arn/source_profile, credential_process and session tokens work
 * as in the AWS CLI. Lives only on the agent: nothing here is serialized.
 */
final class AgentCredentials {
    static final String DEFAULT_PROFILE = "default";

    private final AwsCredentialsProvider provider;
    private final String source;
    private final Profile profile;
    private final List<String> secrets;

    private AgentCredentials(AwsCredentialsProvider provider, String source, Profile profile, List<String> secrets) {
        this.provider = provider;
        this.source = source;
        this.profile = profile;
        this.secrets = secrets;
    }

    /** Resolves the credentials; a profile named in the environment but absent from the files fails the build. */
    static AgentCredentials resolve(Map<String, String> env) throws AbortException {
        String key = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (key != null && secret != null) {
            String token = env.get("AWS_SESSION_TOKEN");
            var credentials = token == null
                    ? AwsBasicCredentials.create(key, secret)
                    : AwsSessionCredentials.create(key, secret, token);
            return new AgentCredentials(StaticCredentialsProvider.create(credentials), "environment keys", null,
                    List.of());
        }
        List<Path> files = profileFiles(env);
        ProfileFile profiles = read(files);
        String named = named(env);
        if (named != null) {
            Profile p = profiles.profile(named).orElseThrow(() -> new AbortException("AWS profile '" + named
                    + "' (from " + (env.get("AWS_PROFILE") != null ? "AWS_PROFILE" : "AWS_DEFAULT_PROFILE")
                    + ") not found in " + describe(files)));
            var provider = ProfileCredentialsProvider.builder().profileFile(profiles).profileName(named).build();
            return new AgentCredentials(provider, "profile " + named + " in " + describe(files), p, secretsOf(p));
        }
        Profile fallback = profiles.profile(DEFAULT_PROFILE).orElse(null);
        var chain = DefaultCredentialsProvider.builder();
        if (env.containsKey("AWS_CONFIG_FILE") || env.containsKey("AWS_SHARED_CREDENTIALS_FILE")) {
            chain.profileFile(profiles); // the chain's profile step reads the files the step named
        }
        return new AgentCredentials(chain.build(), "the agent's default chain", fallback,
                fallback == null ? List.of() : secretsOf(fallback));
    }

    AwsCredentialsProvider provider() {
        return provider;
    }

    /** "environment keys", "profile NAME in FILES" or "the agent's default chain": never a secret. */
    String source() {
        return source;
    }

    /** A property of the profile in use (the named one, else the files' default profile), if set. */
    Optional<String> profileProperty(String name) {
        return profile == null ? Optional.empty() : profile.property(name).filter(v -> !v.isBlank());
    }

    /** The profile's key values, to be masked in the log. */
    List<String> secrets() {
        return secrets;
    }

    /** AWS_PROFILE, else AWS_DEFAULT_PROFILE (pipeline-aws sets both), else null. */
    static String named(Map<String, String> env) {
        String p = env.get("AWS_PROFILE");
        return p != null ? p : env.get("AWS_DEFAULT_PROFILE");
    }

    /** The config file, then the credentials file (the SDK's order), from the environment or the agent's defaults. */
    static List<Path> profileFiles(Map<String, String> env) {
        return List.of(
                file(env.get("AWS_CONFIG_FILE"), ProfileFileLocation.configurationFilePath()),
                file(env.get("AWS_SHARED_CREDENTIALS_FILE"), ProfileFileLocation.credentialsFilePath()));
    }

    private static Path file(String fromEnv, Path agentDefault) {
        if (fromEnv == null) {
            return agentDefault;
        }
        if (fromEnv.equals("~") || fromEnv.startsWith("~/") || fromEnv.startsWith("~\\")) {
            return Path.of(System.getProperty("user.home") + fromEnv.substring(1)); // as the SDK expands it
        }
        return Path.of(fromEnv);
    }

    private static ProfileFile read(List<Path> files) throws AbortException {
        ProfileFile.Aggregator all = ProfileFile.aggregator();
        ProfileFile.Type[] types = {ProfileFile.Type.CONFIGURATION, ProfileFile.Type.CREDENTIALS};
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            if (Files.isRegularFile(f)) {
                try {
                    all.addFile(ProfileFile.builder().content(f).type(types[i]).build());
                } catch (RuntimeException e) {
                    throw new AbortException("AWS profile file " + f + " cannot be read: " + e.getMessage());
                }
            }
        }
        return all.build();
    }

    private static String describe(List<Path> files) {
        List<String> out = new ArrayList<>();
        for (Path f : files) {
            out.add(f + (Files.isRegularFile(f) ? "" : " (missing)"));
        }
        return String.join(", ", out);
    }

    private static List<String> secretsOf(Profile p) {
        List<String> out = new ArrayList<>();
        for (String k : List.of(ProfileProperty.AWS_ACCESS_KEY_ID, ProfileProperty.AWS_SECRET_ACCESS_KEY,
                ProfileProperty.AWS_SESSION_TOKEN)) {
            p.property(k).ifPresent(out::add);
        }
        return List.copyOf(out);
    }
}
