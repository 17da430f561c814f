package io.jenkins.plugins.scpuppet.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the plugin's .hpi may bundle (WEB-INF/lib), checked on its resolved compile and runtime dependencies. */
final class BundleRules {
    static final String CORE = "io.jenkins.plugins.scpuppet:service-catalog-puppet-core";

    /** groupId:artifactId prefixes that must never be bundled, with the reason. */
    private static final Map<String, String> FORBIDDEN = new LinkedHashMap<>();

    static {
        FORBIDDEN.put("org.gaul:", "S3Proxy is the sandbox's local S3, for tests only");
        FORBIDDEN.put("org.eclipse.jetty", "Jetty would be a second servlet container inside Jenkins");
        FORBIDDEN.put("ch.qos.logback:", "logback would fight Jenkins' own logging");
        FORBIDDEN.put("com.google.guava:", "guava above the BOM's version fails requireUpperBoundDeps");
        FORBIDDEN.put("org.slf4j:", "slf4j comes from Jenkins core");
        FORBIDDEN.put("com.fasterxml.jackson", "Jackson comes from jackson2-api");
        FORBIDDEN.put("tools.jackson", "Jackson 3 is not the plugin's to bundle");
        FORBIDDEN.put("io.jenkins.plugins.scpuppet:", "only core is bundled; the other modules are test-only");
    }

    private BundleRules() {}

    /** Every rule the given bundled set breaks, one line each; empty when the set is right. */
    static List<String> violations(List<Artifact> bundled) {
        List<String> out = new ArrayList<>();
        for (Artifact a : bundled) {
            if (a.key().equals(CORE)) {
                continue;
            }
            FORBIDDEN.entrySet().stream()
                    .filter(e -> a.key().startsWith(e.getKey()))
                    .findFirst()
                    .ifPresent(e -> out.add(a + ": " + e.getValue()));
            ProvidedAtRuntime.providerOf(a)
                    .ifPresent(p -> out.add(a + ": bundled although provided by " + p.description()));
        }
        if (bundled.stream().noneMatch(a -> a.key().equals(CORE))) {
            out.add(CORE + ": not bundled; the plugin needs the Jenkins-free library in WEB-INF/lib");
        }
        return out;
    }
}
