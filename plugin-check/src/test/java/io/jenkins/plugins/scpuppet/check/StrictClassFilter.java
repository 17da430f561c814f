package io.jenkins.plugins.scpuppet.check;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URL;
import java.security.CodeSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Jenkins' JEP-200 class filter (core's jenkins.security.ClassFilterImpl, which remoting applies to what comes back
 * from an agent), mimicked strictly. Permitted: primitives; arrays of permitted types; the JDK classes core whitelists
 * by name; the four JDK exception classes the callables may throw; classes whose code source is the plugin's own
 * classes directory or the Jenkins API (the shim standing for core); and the test's listener, which stands for the
 * TaskListener Jenkins hands a step. Everything else is refused: the AWS SDK's and this project's core library's classes
 * (bundled third-party jars for Jenkins), Throwables among them, and JDK classes core does not name. Jenkins itself
 * permits every Throwable; this filter does not, so an SDK exception fails the test.
 */
final class StrictClassFilter implements ObjectInputFilter {
    /**
     * The java.* entries of core/src/main/resources/jenkins/security/whitelisted-classes.txt (jenkinsci/jenkins, tag
     * jenkins-2.555.3) that the callables, their results and their exceptions need.
     */
    static final Set<String> WHITELISTED_JDK_CLASSES = Set.of(
            "java.lang.Boolean",
            "java.lang.Integer",
            "java.lang.Long",
            "java.lang.Number",
            "java.lang.Object",
            "java.lang.String",
            "java.lang.StackTraceElement",
            "java.util.ArrayList",
            "java.util.Collections$EmptyList",
            "java.util.CollSer",
            "java.util.HashMap",
            "java.util.LinkedHashMap",
            "java.util.TreeMap");

    /** What a callable may throw across the channel (AbortException is core's: permitted by code source). */
    static final Set<String> JDK_EXCEPTIONS =
            Set.of("java.lang.Throwable", "java.lang.Exception", "java.io.IOException", "java.lang.InterruptedException");

    /** The test's TaskListener: in Jenkins the listener is core's or a workflow plugin's, which the filter permits. */
    static final String LISTENER_STAND_IN = "io.jenkins.plugins.scpuppet.steps.TestListener";

    private final Set<URL> permittedLocations;
    private final List<String> refused = new CopyOnWriteArrayList<>();

    /** @param pluginAndCore the class of the plugin and the class of the Jenkins API whose code sources are permitted */
    StrictClassFilter(Class<?>... pluginAndCore) {
        this.permittedLocations = java.util.Arrays.stream(pluginAndCore)
                .map(c -> c.getProtectionDomain().getCodeSource().getLocation())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    Set<URL> permittedLocations() {
        return permittedLocations;
    }

    /** The classes refused so far. */
    List<String> refused() {
        return List.copyOf(refused);
    }

    @Override
    public Status checkInput(FilterInfo info) {
        Class<?> c = info.serialClass();
        if (c == null) {
            return Status.UNDECIDED; // a depth, reference or array-length check: not about a class
        }
        if (permitted(c)) {
            return Status.ALLOWED;
        }
        refused.add(c.getName());
        return Status.REJECTED;
    }

    boolean permitted(Class<?> c) {
        if (c.isPrimitive()) {
            return true;
        }
        if (c.isArray()) {
            return permitted(c.getComponentType());
        }
        CodeSource source = c.getProtectionDomain().getCodeSource();
        if (source == null) { // the JDK
            return WHITELISTED_JDK_CLASSES.contains(c.getName()) || JDK_EXCEPTIONS.contains(c.getName());
        }
        return permittedLocations.contains(source.getLocation()) || c.getName().equals(LISTENER_STAND_IN);
    }

    /** Writes the object and reads it back through this filter, as the receiving side of the channel would. */
    Object roundTrip(Object value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            in.setObjectInputFilter(this);
            return in.readObject();
        }
    }
}
