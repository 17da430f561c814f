package io.jenkins.plugins.scpuppet.manifest;

import java.util.Map;
import java.util.Set;

/** Parses one entry of {@code lambda-invocations}: the function, invocation type and targets. */
final class LambdaInvocationParser {
    static final Set<String> KEYS =
            Set.of("function_name", "qualifier", "invocation_type", "parameters", "invoke_for", "depends_on");
    private static final Set<String> INVOCATION_TYPES = Set.of("RequestResponse", "Event", "DryRun");

    private LambdaInvocationParser() {}

    static LambdaInvocation parse(String name, Cursor c) {
        String type = c.string("invocation_type", true);
        if (type != null && !INVOCATION_TYPES.contains(type)) {
            c.child("invocation_type")
                    .error("expected one of Event, RequestResponse, DryRun, got '" + type + "'"
                            + Problems.didYouMean(type, INVOCATION_TYPES));
        }
        return new LambdaInvocation(
                name,
                c.string("function_name", true),
                c.string("qualifier", "$LATEST"),
                type,
                c.has("parameters") ? ParameterParser.parse(c.child("parameters")) : Map.of(),
                DeployToParser.parse(c, "invoke_for", true),
                DependencyParser.dependsOn(c),
                c.mark());
    }
}
