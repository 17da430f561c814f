package io.jenkins.plugins.scpuppet.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The real plugin's test classes and which of them Surefire runs by default. */
final class PluginTests {
    /** maven-surefire-plugin's default includes (3.x), which the Jenkins plugin POM keeps. */
    static final List<String> SUREFIRE_DEFAULT_INCLUDES =
            List.of("**/Test*.java", "**/*Test.java", "**/*Tests.java", "**/*TestCase.java");

    private PluginTests() {}

    /** plugin/src/test/java/**&#47;*ITest.java, relative to that directory, with forward slashes. */
    static List<String> itests() {
        Path tests = Repo.file("plugin/src/test/java");
        try (Stream<Path> files = Files.walk(tests)) {
            return files.filter(f -> f.getFileName().toString().endsWith("ITest.java"))
                    .map(f -> tests.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean matchesSurefireDefaultIncludes(String relativePath) {
        // "**/" also matches the top directory in Surefire (plexus SelectorUtils); glob needs both forms.
        return SUREFIRE_DEFAULT_INCLUDES.stream().anyMatch(p -> glob(p).matches(Path.of(relativePath))
                || glob(p.substring(3)).matches(Path.of(relativePath)));
    }

    private static java.nio.file.PathMatcher glob(String pattern) {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    }
}
