package io.jenkins.plugins.scpuppet.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the engine needs to know about one task: identity, requirements, scheduling hints and its work.
 *
 * <p>Equality is the {@link TaskKey}: a spec requested twice is the same task, and the first one seen wins.
 */
public final class TaskSpec {
    private final TaskFamily family;
    private final TaskKey key;
    private final Map<String, String> insignificant;
    private final Set<String> sensitive;
    private final List<TaskSpec> requirements;
    private final int priority;
    private final List<String> resources;
    private final int maxAttempts;
    private final TaskWork work;

    private TaskSpec(Builder b) {
        this.family = b.family;
        this.key = TaskKey.of(b.family.name(), b.parameters);
        this.insignificant = Collections.unmodifiableMap(new LinkedHashMap<>(b.insignificant));
        this.sensitive = Set.copyOf(b.sensitive);
        this.requirements = List.copyOf(b.requirements);
        this.priority = b.priority;
        this.resources = List.copyOf(b.resources);
        this.maxAttempts = b.maxAttempts;
        this.work = b.work;
    }

    public static Builder builder(TaskFamily family) {
        return new Builder(family);
    }

    public TaskFamily family() {
        return family;
    }

    public TaskKey key() {
        return key;
    }

    /** A significant parameter by name. */
    public String parameter(String name) {
        return key.parameter(name);
    }

    /** Parameters that travel with the task but are not part of its identity or target. */
    public Map<String, String> insignificant() {
        return insignificant;
    }

    /** Whether a significant parameter's value is a secret: reports show it as {@code ***}. */
    public boolean sensitive(String parameter) {
        return sensitive.contains(parameter);
    }

    public List<TaskSpec> requirements() {
        return requirements;
    }

    /** Higher runs first among ready tasks. */
    public int priority() {
        return priority;
    }

    /** Named resources held while the task runs; capacities come from the run options (default 1). */
    public List<String> resources() {
        return resources;
    }

    /** Attempts allowed for retryable errors, counting the first. */
    public int maxAttempts() {
        return maxAttempts;
    }

    public TaskWork work() {
        return work;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskSpec other && key.equals(other.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return key.id();
    }

    /** Fluent builder; only the family is mandatory. */
    public static final class Builder {
        private final TaskFamily family;
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private final Map<String, String> insignificant = new LinkedHashMap<>();
        private final Set<String> sensitive = new HashSet<>();
        private final List<TaskSpec> requirements = new ArrayList<>();
        private final List<String> resources = new ArrayList<>();
        private int priority;
        private int maxAttempts = 1;
        private TaskWork work = TaskWork.NONE;

        private Builder(TaskFamily family) {
            this.family = Objects.requireNonNull(family, "family");
        }

        public Builder param(String name, String value) {
            parameters.put(name, value);
            return this;
        }

        public Builder params(Map<String, String> values) {
            parameters.putAll(values);
            return this;
        }

        /** A significant parameter whose value never appears in a report (a value read from SSM, a secret). */
        public Builder sensitiveParam(String name, String value) {
            sensitive.add(name);
            return param(name, value);
        }

        public Builder insignificant(String name, String value) {
            insignificant.put(name, value);
            return this;
        }

        public Builder requires(TaskSpec requirement) {
            requirements.add(Objects.requireNonNull(requirement, "requirement"));
            return this;
        }

        public Builder requiresAll(Iterable<TaskSpec> all) {
            all.forEach(this::requires);
            return this;
        }

        public Builder priority(int value) {
            this.priority = value;
            return this;
        }

        public Builder resource(String name) {
            resources.add(name);
            return this;
        }

        public Builder maxAttempts(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            this.maxAttempts = value;
            return this;
        }

        public Builder work(TaskWork value) {
            this.work = Objects.requireNonNull(value, "work");
            return this;
        }

        public TaskSpec build() {
            return new TaskSpec(this);
        }
    }
}
