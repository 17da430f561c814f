package io.jenkins.plugins.scpuppet.manifest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Parses one entry of {@code launches}: the product, version, targets, outputs and dependencies. */
final class LaunchParser {
    static final Set<String> KEYS = Set.of(
            "portfolio",
            "product",
            "version",
            "status",
            "execution",
            "parameters",
            "deploy_to",
            "outputs",
            "depends_on",
            "retry_count",
            "requested_priority",
            "timeoutInSeconds",
            "pre_actions",
            "post_actions",
            "configuration");

    private LaunchParser() {}

    static Launch parse(String name, Cursor c) {
        Launch.Status status = c.enumValue("status", Launch.Status.class, Launch.Status.PROVISIONED);
        Launch.Execution execution = c.enumValue("execution", Launch.Execution.class, Launch.Execution.HUB);
        Integer retry = c.integer("retry_count", 1, 100);
        Integer priority = c.integer("requested_priority", -1_000_000, 1_000_000);
        if (c.has("configuration")) {
            Cursor conf = c.child("configuration");
            if (conf.onlyKnownKeys(Set.of("retry_count", "requested_priority"))) {
                Integer r = conf.integer("retry_count", 1, 100);
                Integer p = conf.integer("requested_priority", -1_000_000, 1_000_000);
                retry = r != null ? r : retry;
                priority = p != null ? p : priority;
            }
        }
        c.integer("timeoutInSeconds", 0, 86_400 * 7);
        List<Launch.SsmOutput> outputs = List.of();
        if (c.has("outputs")) {
            Cursor out = c.child("outputs");
            if (out.onlyKnownKeys(Set.of("ssm")) && out.has("ssm")) {
                outputs = out.child("ssm")
                        .asList(o -> o.onlyKnownKeys(Set.of("param_name", "stack_output", "region"))
                                ? new Launch.SsmOutput(
                                        o.string("param_name", true),
                                        o.string("stack_output", true),
                                        o.string("region", false))
                                : null);
            }
            if (!outputs.isEmpty() && execution != Launch.Execution.HUB) {
                out.error("outputs.ssm are written only when execution is hub, but this launch runs with execution: "
                        + execution.name().toLowerCase(Locale.ROOT));
            }
        }
        return new Launch(
                name,
                c.string("portfolio", true),
                c.string("product", true),
                c.string("version", true),
                status,
                execution,
                c.has("parameters") ? ParameterParser.parse(c.child("parameters")) : Map.of(),
                DeployToParser.parse(c, "deploy_to", true),
                outputs,
                DependencyParser.dependsOn(c),
                retry,
                priority,
                DependencyParser.actionRefs(c, "pre_actions"),
                DependencyParser.actionRefs(c, "post_actions"),
                c.mark());
    }
}
