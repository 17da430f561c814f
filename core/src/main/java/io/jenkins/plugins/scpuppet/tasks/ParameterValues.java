package io.jenkins.plugins.scpuppet.tasks;

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

    ParameterValues(TaskFactory f, Target target) {
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
                .work(ctx -> f.ops.ssmParameter(name, region))
                .build();
    }

    Iterable<TaskSpec> requirements() {
        return fromSsm.values();
    }

    /** Values for the call, SSM ones read from the requirements' results. */
    Map<String, String> resolve(TaskContext ctx) {
        Map<String, String> values = new LinkedHashMap<>(literals);
        fromSsm.forEach(
                (name, spec) -> values.put(name, ctx.input(spec).path("Value").asText()));
        return values;
    }

    /** For display and identity: the parameter sources, without values read at run time. */
    String describe() {
        Map<String, String> d = new LinkedHashMap<>(literals);
        fromSsm.forEach((name, spec) -> d.put(name, "ssm:" + spec.parameter("name")));
        return TaskFactory.json(d);
    }
}
