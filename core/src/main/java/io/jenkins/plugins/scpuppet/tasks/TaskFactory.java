package io.jenkins.plugins.scpuppet.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import io.jenkins.plugins.scpuppet.manifest.DependsOn;
import io.jenkins.plugins.scpuppet.manifest.ExpandedManifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every task builder shares: the operations, the expanded manifest, the options, and the item-level tasks built
 * so far (so depends_on can point at them and each is built once).
 */
final class TaskFactory {
    static final ObjectMapper JSON = new ObjectMapper();

    final PuppetOperations ops;
    final ExpandedManifest expanded;
    final GraphOptions options;
    final String puppetAccountId;
    final String homeRegion;
    final SecureValues secure;
    private final Map<String, TaskSpec> itemTasks = new HashMap<>();
    private final Map<DependsOn.Section, Function<String, TaskSpec>> sections = new HashMap<>();

    TaskFactory(PuppetOperations ops, ExpandedManifest expanded, GraphOptions options, SecureValues secure) {
        this.ops = ops;
        this.secure = secure;
        this.expanded = expanded;
        this.options = options;
        this.puppetAccountId = expanded.options().puppetAccountId();
        this.homeRegion = expanded.options().homeRegion();
    }

    /** A spec builder for one of upstream's families. */
    TaskSpec.Builder spec(PuppetFamily family) {
        return TaskSpec.builder(family);
    }

    void registerSection(DependsOn.Section section, Function<String, TaskSpec> builder) {
        sections.put(section, builder);
    }

    /** The item-level task of a section item, built once. */
    TaskSpec item(DependsOn.Section section, String name, Supplier<TaskSpec> build) {
        String key = section.type() + "/" + name;
        TaskSpec existing = itemTasks.get(key);
        if (existing == null) {
            existing = build.get();
            itemTasks.put(key, existing);
        }
        return existing;
    }

    /** The tasks that a depends_on list points at. */
    List<TaskSpec> dependencies(List<DependsOn> dependsOn) {
        List<TaskSpec> out = new ArrayList<>();
        for (DependsOn d : dependsOn) {
            out.add(sections.get(d.section()).apply(d.name()));
        }
        return out;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
