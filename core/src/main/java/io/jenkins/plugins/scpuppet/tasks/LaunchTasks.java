package io.jenkins.plugins.scpuppet.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scpuppet.engine.Awaiting;
import io.jenkins.plugins.scpuppet.engine.TaskContext;
import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import io.jenkins.plugins.scpuppet.manifest.Action;
import io.jenkins.plugins.scpuppet.manifest.ActionRef;
import io.jenkins.plugins.scpuppet.manifest.DependsOn;
import io.jenkins.plugins.scpuppet.manifest.Launch;
import io.jenkins.plugins.scpuppet.manifest.ParameterSource;
import io.jenkins.plugins.scpuppet.manifest.Placeholders;
import io.jenkins.plugins.scpuppet.manifest.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A launch becomes: pre-actions, then per target a version lookup (which gets the portfolio shared first), SSM reads
 * and the provision (which asks for the cacheable provisioning-artifact parameters by id), then post-actions. A
 * terminated launch terminates per target; a spoke launch starts each target account's own deploy.
 */
final class LaunchTasks {
    private final TaskFactory f;
    private final SharingTasks sharing;

    LaunchTasks(TaskFactory f, SharingTasks sharing) {
        this.f = f;
        this.sharing = sharing;
    }

    TaskSpec launch(String name) {
        return f.item(
                DependsOn.Section.LAUNCH,
                name,
                () -> build(f.expanded.manifest().launches().get(name)));
    }

    private TaskSpec build(Launch launch) {
        List<Target> targets = f.expanded.launchTargets().get(launch.name());
        TaskSpec.Builder task = f.spec(PuppetFamily.LaunchTask).param("launch_name", launch.name());
        if (launch.execution() == Launch.Execution.SPOKE && !f.options.dryRun()) {
            return task.requires(inSpoke(launch, targets)).build();
        }
        List<TaskSpec> dependencies = f.dependencies(launch.dependsOn());
        List<TaskSpec> pre = actions(launch, launch.preActions(), "pre", dependencies);
        List<TaskSpec> perTarget = new ArrayList<>();
        for (Target t : targets) {
            perTarget.add(targetTask(launch, t, pre, dependencies));
        }
        List<TaskSpec> post = actions(launch, launch.postActions(), "post", perTarget);
        return task.requiresAll(post.isEmpty() ? perTarget : post).build();
    }

    private TaskSpec targetTask(Launch launch, Target t, List<TaskSpec> pre, List<TaskSpec> dependencies) {
        boolean provision = launch.status() == Launch.Status.PROVISIONED;
        if (f.options.dryRun()) {
            return provision ? dryRunProvision(launch, t) : dryRunTerminate(launch, t);
        }
        return provision ? provision(launch, t, pre, dependencies) : terminate(launch, t, pre, dependencies);
    }

    private TaskSpec.Builder perTarget(PuppetFamily family, Launch launch, Target t) {
        return f.spec(family)
                .param("launch_name", launch.name())
                .param("account_id", t.accountId())
                .param("region", t.region())
                .priority(launch.requestedPriority() == null ? 0 : launch.requestedPriority())
                .maxAttempts(Math.max(3, retryCount(launch)));
    }

    private int retryCount(Launch launch) {
        if (launch.retryCount() != null) {
            return launch.retryCount();
        }
        Integer global = f.expanded.manifest().configurationRetryCount();
        return global == null ? 1 : global;
    }

    private TaskSpec provision(Launch launch, Target t, List<TaskSpec> pre, List<TaskSpec> dependencies) {
        TaskSpec details = versionDetails(launch, t);
        ParameterValues params = new ParameterValues(f, t);
        boolean hub = launch.execution() == Launch.Execution.HUB;
        String a = t.accountId();
        String r = t.region();
        return perTarget(PuppetFamily.ProvisionProductTask, launch, t)
                .param("portfolio", launch.portfolio())
                .param("product", launch.product())
                .param("version", launch.version())
                .insignificant("execution", launch.execution().name().toLowerCase(Locale.ROOT))
                .insignificant("parameters", params.describe())
                .requires(details)
                .requiresAll(params.requirements())
                .requiresAll(pre)
                .requiresAll(dependencies)
                .resource("servicecatalog.provision_product_" + a + "_" + r)
                .resource("servicecatalog.terminate_provisioned_product_" + a + "_" + r)
                .work(ctx -> {
                    JsonNode ids = ctx.input(details);
                    JsonNode declared = ids.path("parameters");
                    List<String> declaredKeys = new ArrayList<>();
                    declared.forEach(
                            p -> declaredKeys.add(p.path("ParameterKey").asText()));
                    PuppetOperations.ProvisionRequest request = new PuppetOperations.ProvisionRequest(
                            launch.name(),
                            a,
                            r,
                            launch.portfolio(),
                            ids.path("product_id").asText(),
                            ids.path("version_id").asText(),
                            params.resolve(ctx),
                            declaredKeys,
                            launch.execution() != Launch.Execution.ASYNC,
                            params.identities(ctx));
                    // The provision may wait on AWS without a worker: what follows runs once it has settled.
                    return Awaiting.then(() -> f.ops.provision(request), provisioned -> {
                        ObjectNode result = (ObjectNode) provisioned;
                        if (hub) {
                            writeOutputs(launch, t, result);
                        }
                        result.putObject("cache_details")
                                .put("product_id", ids.path("product_id").asText())
                                .put("version_id", ids.path("version_id").asText());
                        return result;
                    });
                })
                .build();
    }

    private void writeOutputs(Launch launch, Target t, ObjectNode result) throws Exception {
        for (Launch.SsmOutput out : launch.ssmOutputs()) {
            JsonNode value = result.path("outputs").get(out.stackOutput());
            if (value == null) {
                throw new io.jenkins.plugins.scpuppet.engine.TaskException(
                        "MissingStackOutput",
                        "launch "
                                + launch.name() + " has no stack output '" + out.stackOutput() + "' in " + t.accountId()
                                + " " + t.region() + "; outputs are " + fieldNames(result.path("outputs")),
                        false);
            }
            String name = Placeholders.fill(out.paramName(), t.accountId(), t.region());
            f.ops.putSsmParameter(name, out.region() != null ? out.region() : f.homeRegion, value.asText());
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** GetVersionDetailsByNames: makes sure the hub portfolio is shared into the target, then reads the ids there. */
    private TaskSpec versionDetails(Launch launch, Target t) {
        TaskSpec hubPortfolio = sharing.hubPortfolio(t.region(), launch.portfolio());
        return f.spec(PuppetFamily.GetVersionDetailsByNames)
                .param("account_id", t.accountId())
                .param("region", t.region())
                .param("portfolio", launch.portfolio())
                .param("product", launch.product())
                .param("version", launch.version())
                .requires(hubPortfolio)
                .maxAttempts(3)
                .work(ctx -> {
                    String hubId = ctx.input(hubPortfolio).path("portfolio_id").asText();
                    ctx.require(List.of(sharing.createShare(t.accountId(), t.region(), launch.portfolio(), hubId)));
                    ObjectNode ids = f.ops.versionDetails(
                            t.accountId(), t.region(), launch.portfolio(), launch.product(), launch.version());
                    // The version's parameters are asked for here, as soon as its ids are known, not when the provision
                    // starts: a launch then provisions without first pausing for them. Asking again repeats no call:
                    // the run keeps its lookups.
                    JsonNode parameters = ctx.require(List.of(artifactParameters(launch, t, ids)))
                            .get(0)
                            .path("parameters");
                    return ids.set("parameters", parameters);
                })
                .build();
    }

    private TaskSpec artifactParameters(Launch launch, Target t, JsonNode ids) {
        String portfolioId = ids.path("portfolio_id").asText();
        String productId = ids.path("product_id").asText();
        String versionId = ids.path("version_id").asText();
        return f.spec(PuppetFamily.ProvisioningArtifactParametersTask)
                .param("puppet_account_id", f.puppetAccountId)
                .param("portfolio", launch.portfolio())
                .param("portfolio_id", portfolioId)
                .param("product", launch.product())
                .param("product_id", productId)
                .param("version", launch.version())
                .param("version_id", versionId)
                .param("account_id", t.accountId())
                .param("region", t.region())
                .resource("servicecatalog.describe_provisioning_parameters_" + t.accountId() + "_" + t.region())
                .maxAttempts(5)
                .work(ctx -> f.ops.provisioningParameters(
                        t.accountId(), t.region(), launch.portfolio(), productId, versionId))
                .build();
    }

    private TaskSpec terminate(Launch launch, Target t, List<TaskSpec> pre, List<TaskSpec> dependencies) {
        return perTarget(PuppetFamily.TerminateProductTask, launch, t)
                .param("portfolio", launch.portfolio())
                .param("product", launch.product())
                .param("version", launch.version())
                .requiresAll(pre)
                .requiresAll(dependencies)
                .resource("servicecatalog.terminate_provisioned_product_" + t.accountId() + "_" + t.region())
                .work(ctx -> Awaiting.then(() -> f.ops.terminate(launch.name(), t.accountId(), t.region()), result -> {
                    for (Launch.SsmOutput out : launch.ssmOutputs()) {
                        f.ops.deleteSsmParameter(
                                Placeholders.fill(out.paramName(), t.accountId(), t.region()),
                                out.region() != null ? out.region() : f.homeRegion);
                    }
                    return result;
                }))
                .build();
    }

    private TaskSpec dryRunProvision(Launch launch, Target t) {
        return perTarget(PuppetFamily.ProvisionProductDryRunTask, launch, t)
                .param("portfolio", launch.portfolio())
                .param("product", launch.product())
                .param("version", launch.version())
                .work(ctx -> f.ops.dryRunProvision(
                        launch.name(),
                        t.accountId(),
                        t.region(),
                        launch.portfolio(),
                        launch.product(),
                        launch.version()))
                .build();
    }

    private TaskSpec dryRunTerminate(Launch launch, Target t) {
        return perTarget(PuppetFamily.TerminateProductDryRunTask, launch, t)
                .work(ctx -> f.ops.dryRunTerminate(launch.name(), t.accountId(), t.region()))
                .build();
    }

    /** Actions run once per launch and phase: pre-actions before any target, post-actions after all of them. */
    private List<TaskSpec> actions(Launch launch, List<ActionRef> refs, String phase, List<TaskSpec> before) {
        List<TaskSpec> out = new ArrayList<>();
        if (f.options.dryRun()) {
            return out;
        }
        for (ActionRef ref : refs) {
            Action action = f.expanded.manifest().actions().get(ref.name());
            Map<String, String> environment = new LinkedHashMap<>();
            List<TaskSpec> ssm = new ArrayList<>();
            Map<String, TaskSpec> ssmByName = new LinkedHashMap<>();
            for (Map.Entry<String, ParameterSource> p : action.parameters().entrySet()) {
                if (p.getValue() instanceof ParameterSource.Default d) {
                    environment.put(p.getKey(), d.value());
                } else if (p.getValue() instanceof ParameterSource.Ssm s) {
                    TaskSpec read = ParameterValues.ssmTask(
                            f,
                            Placeholders.fill(s.name(), action.accountId(), action.region()),
                            s.region() != null ? s.region() : f.homeRegion);
                    ssm.add(read);
                    ssmByName.put(p.getKey(), read);
                }
            }
            out.add(f.spec(PuppetFamily.ProvisionActionTask)
                    .param("action_name", action.name())
                    .param("source", launch.name())
                    .param("phase", phase)
                    .param("project_name", action.projectName())
                    .param("account_id", action.accountId())
                    .param("region", action.region())
                    .requiresAll(before)
                    .requiresAll(ssm)
                    .work(ctx -> {
                        Map<String, String> env = new LinkedHashMap<>(environment);
                        ssmByName.forEach((k, spec) -> env.put(k, f.secure.valueOf(ctx.input(spec))));
                        return f.ops.runCodeBuild(action.accountId(), action.region(), action.projectName(), env);
                    })
                    .build());
        }
        return out;
    }

    /** execution: spoke: one deploy started per target account (upstream's RunDeployInSpokeTask). */
    private TaskSpec inSpoke(Launch launch, List<Target> targets) {
        Set<String> accounts = new LinkedHashSet<>();
        targets.forEach(t -> accounts.add(t.accountId()));
        List<String> regions = f.expanded.options().allRegions();
        TaskSpec.Builder inSpoke = f.spec(PuppetFamily.LaunchInSpokeTask)
                .param("launch_name", launch.name())
                .param("puppet_account_id", f.puppetAccountId);
        for (String account : accounts) {
            inSpoke.requires(f.spec(PuppetFamily.RunDeployInSpokeTask)
                    .param("puppet_account_id", f.puppetAccountId)
                    .param("account_id", account)
                    .insignificant("home_region", f.homeRegion)
                    .insignificant("regions", String.join(",", regions))
                    .maxAttempts(3)
                    .work(ctx -> f.ops.startSpokeDeploy(f.puppetAccountId, account, f.homeRegion, regions))
                    .build());
        }
        return inSpoke.work(LaunchTasks::launchInSpokeResult).build();
    }

    private static JsonNode launchInSpokeResult(TaskContext ctx) {
        return ctx.emptyResult().put("launch_name", ctx.spec().parameter("launch_name"));
    }
}
