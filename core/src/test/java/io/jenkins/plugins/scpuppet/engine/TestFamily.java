package io.jenkins.plugins.scpuppet.engine;

/** A task family for tests. */
record TestFamily(String name, boolean cacheable, int implementationVersion) implements TaskFamily {
    static final TestFamily CACHED = new TestFamily("Cached", true, 1);
    static final TestFamily PLAIN = new TestFamily("Plain", false, 1);

    static TestFamily cacheable(String name) {
        return new TestFamily(name, true, 1);
    }

    static TestFamily plain(String name) {
        return new TestFamily(name, false, 1);
    }
}
