package io.jenkins.plugins.scpuppet.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The real plugin build puts aws-standin and the sandbox module on the test classpath without S3Proxy. So no class the
 * plugin's tests reach through {@link StandInFixture} or the steps may name S3Proxy (org.gaul): this follows every
 * class of this project named in their class files, from the fixture and the steps on, and greps each for it.
 */
class NoS3ProxyTest {
    private static final Pattern PROJECT_CLASS = Pattern.compile("io/jenkins/plugins/scpuppet/[A-Za-z0-9_/$]+");

    private static String classFile(String name) throws IOException {
        try (InputStream in = NoS3ProxyTest.class.getClassLoader().getResourceAsStream(name + ".class")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void shouldReachNoS3ProxyClassFromTheStandInFixture() throws IOException {
        Set<String> seen = new TreeSet<>();
        Set<String> naming = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>();
        for (Class<?> root : List.of(StandInFixture.class, PuppetDeployStep.class, PuppetBootstrapStep.class,
                PuppetPurgeCacheStep.class, PuppetSetConfigStep.class)) {
            todo.push(root.getName().replace('.', '/'));
        }
        while (!todo.isEmpty()) {
            String name = todo.pop();
            String bytes = seen.add(name) ? classFile(name) : null;
            if (bytes == null) {
                continue;
            }
            if (bytes.contains("org/gaul")) {
                naming.add(name);
            }
            Matcher m = PROJECT_CLASS.matcher(bytes);
            while (m.find()) {
                todo.push(m.group());
            }
        }

        assertThat(seen).contains(
                "io/jenkins/plugins/scpuppet/sandbox/StandInSeeder",
                "io/jenkins/plugins/scpuppet/sandbox/SpokeBootstraps",
                "io/jenkins/plugins/scpuppet/standin/AwsStandIn",
                "io/jenkins/plugins/scpuppet/ui/PuppetRunAction");
        assertThat(seen).doesNotContain("io/jenkins/plugins/scpuppet/sandbox/Sandbox");
        assertThat(naming).isEmpty();
        assertThat(classFile("io/jenkins/plugins/scpuppet/sandbox/Sandbox"))
                .as("the check can fail")
                .contains("org/gaul");
    }
}
