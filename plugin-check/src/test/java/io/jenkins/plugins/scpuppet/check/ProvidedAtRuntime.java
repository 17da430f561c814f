package io.jenkins.plugins.scpuppet.check;

import java.util.Map;
import java.util.Optional;

/**
 * Who provides a jar to the plugin at runtime when the plugin does not bundle it: a library plugin it depends on
 * ({@code requiredPlugin}, which must be among the plugin's dependencies), or Jenkins core itself.
 */
final class ProvidedAtRuntime {
    /** @param requiredPlugin the plugin dependency through which it arrives; empty for Jenkins core */
    record Provider(String description, Optional<String> requiredPlugin) {}

    static final Provider NOT_NEEDED = new Provider(
            "nobody, not needed: the aws-java-sdk2 service plugins exclude it too (CRT/async HTTP clients)",
            Optional.empty());
    private static final Provider JENKINS_CORE = new Provider("Jenkins core 2.555.3 (core/pom.xml)", Optional.empty());
    private static final Provider JACKSON2_API =
            new Provider("jackson2-api (hpi.bundledArtifacts, jenkinsci/jackson2-api-plugin bb43658)", plugin("jackson2-api"));

    /** Non-SDK jars: groupId:artifactId to provider. */
    private static final Map<String, Provider> LIBRARIES = Map.of(
            "com.fasterxml.jackson.core:jackson-databind", JACKSON2_API,
            "com.fasterxml.jackson.core:jackson-core", JACKSON2_API,
            "com.fasterxml.jackson.dataformat:jackson-dataformat-yaml", JACKSON2_API,
            "com.fasterxml.jackson.core:jackson-annotations",
                    new Provider("jackson-annotations2-api, a dependency of jackson2-api", plugin("jackson2-api")),
            "org.yaml:snakeyaml", new Provider("snakeyaml-api, a dependency of jackson2-api", plugin("jackson2-api")),
            "org.apache.httpcomponents:httpclient",
                    new Provider(
                            "apache-httpcomponents-client-4-api, a dependency of aws-java-sdk2-core",
                            plugin(AwsJavaSdk2Plugins.CORE)),
            "org.apache.httpcomponents:httpcore",
                    new Provider(
                            "apache-httpcomponents-client-4-api, a dependency of aws-java-sdk2-core",
                            plugin(AwsJavaSdk2Plugins.CORE)),
            "commons-codec:commons-codec", JENKINS_CORE,
            "commons-logging:commons-logging", new Provider("Jenkins core (jcl-over-slf4j)", Optional.empty()),
            "org.slf4j:slf4j-api", JENKINS_CORE);

    private ProvidedAtRuntime() {}

    static Optional<Provider> providerOf(Artifact a) {
        if (a.key().equals("software.amazon.awssdk:crt-core")
                || a.key().equals("software.amazon.awssdk:netty-nio-client")
                || a.groupId().equals("io.netty")) {
            // The CRT and Netty (async) HTTP clients: the aws-java-sdk2 service plugins exclude them from every
            // service module too, and core and the plugin build only synchronous clients on apache-client.
            return Optional.of(NOT_NEEDED);
        }
        Optional<String> sdkPlugin = AwsJavaSdk2Plugins.pluginBundling(a.groupId(), a.artifactId());
        if (sdkPlugin.isPresent()) {
            return Optional.of(new Provider(
                    sdkPlugin.get() + " (aws-java-sdk2 " + AwsJavaSdk2Plugins.COMMIT + ")", sdkPlugin));
        }
        return Optional.ofNullable(LIBRARIES.get(a.key()));
    }

    private static Optional<String> plugin(String artifactId) {
        return Optional.of(artifactId);
    }
}
