package io.jenkins.plugins.scpuppet.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import io.jenkins.plugins.scpuppet.manifest.DependsOn;
import io.jenkins.plugins.scpuppet.manifest.LambdaInvocation;
import io.jenkins.plugins.scpuppet.manifest.Target;
import java.util.List;

/** A lambda invocation becomes one InvokeLambdaTask per target, run as the puppet account in the home region. */
final class LambdaTasks {
    private final TaskFactory f;

    LambdaTasks(TaskFactory f) {
        this.f = f;
    }

    TaskSpec lambdaInvocation(String name) {
        return f.item(
                DependsOn.Section.LAMBDA_INVOCATION,
                name,
                () -> build(f.expanded.manifest().lambdaInvocations().get(name)));
    }

    private TaskSpec build(LambdaInvocation item) {
        TaskSpec.Builder task = f.spec(PuppetFamily.LambdaInvocationTask).param("lambda_invocation_name", item.name());
        if (f.options.dryRun()) {
            return task.build();
        }
        List<TaskSpec> dependencies = f.dependencies(item.dependsOn());
        for (Target t : f.expanded.lambdaTargets().get(item.name())) {
            ParameterValues params = new ParameterValues(f, t);
            task.requires(f.spec(PuppetFamily.InvokeLambdaTask)
                    .param("lambda_invocation_name", item.name())
                    .param("account_id", t.accountId())
                    .param("region", t.region())
                    .param("function_name", item.functionName())
                    .param("qualifier", item.qualifier())
                    .param("invocation_type", item.invocationType())
                    .insignificant("parameters", params.describe())
                    .requiresAll(params.requirements())
                    .requiresAll(dependencies)
                    .maxAttempts(3)
                    .work(ctx -> {
                        ObjectNode payload = ctx.emptyResult()
                                .put("account_id", t.accountId())
                                .put("region", t.region());
                        ObjectNode recorded = payload.deepCopy();
                        params.resolve(ctx).forEach(payload.putObject("parameters")::put);
                        ObjectNode result = f.ops.invokeLambda(
                                item.functionName(), item.qualifier(), item.invocationType(), payload);
                        if (result.has("payload")) {
                            // The result is journalled: it shows a SecureString by name and version, not its value.
                            params.identities(ctx).forEach(recorded.putObject("parameters")::put);
                            result.set("payload", recorded);
                        }
                        return result;
                    })
                    .build());
        }
        return task.build();
    }
}
