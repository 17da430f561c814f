package io.jenkins.plugins.scpuppet.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.scpuppet.engine.TaskContext;
import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import io.jenkins.plugins.scpuppet.manifest.ParameterSource;
import io.jenkins.plugins.scpuppet.manifest.Placeholders;
import io.jenkins.plugins.scpuppet.manifest.Target;
import java.util.LinkedHashMap;
import java.util.Map;

/** A target's parameters: literal values, and one GetSSMParamTask per SSM-sourced value. */
final class ParameterValues {
    private final Map<String, String> literals = new LinkedHashMap<>();
    private final Map<String, TaskSpec> fromSsm = new LinkedHashMap<>();
    private final TaskFactory f;

    ParameterValues(TaskFactory f, Target target) {
        this.f = f;
        for (Map.Entry<String, ParameterSource> e : target.parameters().entrySet()) {
            if (e.getValue() instanceof ParameterSource.Default d) {
                literals.put(e.getKey(), d.value());
            } else if (e.getValue() instanceof ParameterSource.Ssm ssm) {
                String name = Placeholders.fill(ssm.name(), target.accountId(), target.region());
                String region = ssm.region() != null ? ssm.region() : f.homeRegion;
                fromSsm.put(e.getKey(), ssmTask(f, name, region));
            }
        }
    }

    static TaskSpec ssmTask(TaskFactory f, String name, String region) {
        return f.spec(PuppetFamily.GetSSMParamTask)
                .param("name", name)
                .param("region", region)
                .maxAttempts(3)
                .work(ctx -> f.secure.keep(f.ops.ssmParameter(name, region)))
                .build();
    }

    Iterable<TaskSpec> requirements() {
        return fromSsm.values();
    }

    /** Values for the call, SSM ones read from the requirements' results. */
    Map<String, String> resolve(TaskContext ctx) {
        Map<String, String> values = new LinkedHashMap<>(literals);
        fromSsm.forEach((name, spec) -> values.put(name, f.secure.valueOf(ctx.input(spec))));
        return values;
    }

    /**
     * What each value is, for idempotency tokens: the value itself, or for a SecureString its name and version, which
     * change together with it.
     */
    Map<String, String> identities(TaskContext ctx) {
        Map<String, String> ids = new LinkedHashMap<>(literals);
        fromSsm.forEach((name, spec) -> {
            JsonNode read = ctx.input(spec);
            ids.put(
                    name,
                    read.has("Value")
                            ? read.path("Value").asText()
                            : "ssm-secure:" + read.path("Name").asText() + ":"
                                    + read.path("Version").asText());
        });
        return ids;
    }

    /** For display and identity: the parameter sources, without values read at run time. */
    String describe() {
        Map<String, String> d = new LinkedHashMap<>(literals);
        fromSsm.forEach((name, spec) -> d.put(name, "ssm:" + spec.parameter("name")));
        return TaskFactory.json(d);
    }
}
