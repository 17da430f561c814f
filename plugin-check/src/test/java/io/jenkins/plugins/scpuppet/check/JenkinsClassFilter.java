package io.jenkins.plugins.scpuppet.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What Jenkins' JEP-200 class filter (core's ClassFilterImpl at 2.555.3) lets XStream and remoting carry, for the
 * classes this plugin can put there: arrays, throwables and enums; classes from the plugin's own classes directory
 * (and, in tests, the test classes); JDK classes only when core's whitelisted-classes.txt names them. Everything else
 * is refused, notably the classes of a bundled jar without a plugin manifest, such as service-catalog-puppet-core.
 */
final class JenkinsClassFilter {
    private static final Path WHITELIST = Path.of("src", "test", "resources", "jep200", "whitelisted-jdk-classes.txt");

    private final Set<String> whitelisted;
    private final Set<String> ownLocations;

    private JenkinsClassFilter(Set<String> whitelisted, Set<String> ownLocations) {
        this.whitelisted = whitelisted;
        this.ownLocations = ownLocations;
    }

    /** The filter of a Jenkins running this plugin's classes (and this module's test classes, as in a test). */
    static JenkinsClassFilter forThePlugin() {
        return new JenkinsClassFilter(
                whitelist(),
                Set.of(
                        location(io.jenkins.plugins.scpuppet.ui.PuppetRunAction.class),
                        location(JenkinsClassFilter.class)));
    }

    boolean permits(Class<?> c) {
        if (c.isPrimitive() || c.isArray() || Throwable.class.isAssignableFrom(c) || Enum.class.isAssignableFrom(c)) {
            return true;
        }
        String location = location(c);
        if (location != null && ownLocations.contains(location)) {
            return true;
        }
        return whitelisted.contains(c.getName());
    }

    /** Why a class is refused, for an assertion message. */
    String refusal(Class<?> c) {
        String location = location(c);
        return c.getName() + " in " + (location == null ? "the JDK, not in whitelisted-classes.txt" : location);
    }

    /** The JDK names of core's whitelisted-classes.txt (jenkins-2.555.3), as copied into the test resources. */
    static Set<String> whitelist() {
        try {
            return Files.readAllLines(WHITELIST).stream()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The class's code source as a path, or null for the JDK's own classes. */
    private static String location(Class<?> c) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI()).toAbsolutePath().normalize().toString();
        } catch (URISyntaxException e) {
            return source.getLocation().toString();
        }
    }
}
