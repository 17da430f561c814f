package io.jenkins.plugins.scpuppet.steps;

import io.jenkins.plugins.scpuppet.sandbox.StandInSeeder;
import io.jenkins.plugins.scpuppet.standin.AwsStandIn;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AWS stand-in seeded from the demo manifest, with no S3 (the plugin's tests run with {@code mirror: false};
 * S3Proxy is not on the real plugin's test classpath). What a pipeline needs to reach it is {@link #env()}: the
 * variables a {@code withEnv} or {@code withAWS} would set.
 */
public final class StandInFixture implements AutoCloseable {
    public static final String HUB = "111111111111";
    public static final Path DEMO = Path.of("..", "test-resources", "manifests", "demo", "manifest.yaml");

    private final AwsStandIn standIn;
    private final String homeRegion;

    private StandInFixture(AwsStandIn standIn, String homeRegion) {
        this.standIn = standIn;
        this.homeRegion = homeRegion;
    }

    /** A stand-in seeded for the demo manifest with its hub's home region in {@code homeRegion}. */
    public static StandInFixture demo(String homeRegion) throws Exception {
        AwsStandIn standIn = AwsStandIn.start(HUB);
        try {
            new StandInSeeder(standIn, HUB, homeRegion).seedFor(DEMO, homeRegion);
        } catch (Exception e) {
            standIn.close();
            throw e;
        }
        return new StandInFixture(standIn, homeRegion);
    }

    public AwsStandIn standIn() {
        return standIn;
    }

    public String endpoint() {
        return standIn.endpoint().toString();
    }

    /** The hub caller's keys (the Jenkins agent's role), the home region and the stand-in's endpoint. */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL", endpoint());
        env.put("AWS_ACCESS_KEY_ID", StandInSeeder.ACCESS_KEY_PREFIX + HUB);
        env.put("AWS_SECRET_ACCESS_KEY", StandInSeeder.SECRET_KEY);
        env.put("AWS_REGION", homeRegion);
        return env;
    }

    /** {@link #env()} as the list withEnv takes, as Groovy source: {@code ['AWS_ENDPOINT_URL=http://...', ...]}. */
    public String withEnvList() {
        List<String> pairs = env().entrySet().stream()
                .map(e -> "'" + e.getKey() + "=" + e.getValue() + "'")
                .toList();
        return "[" + String.join(", ", pairs) + "]";
    }

    @Override
    public void close() {
        standIn.close();
    }
}
