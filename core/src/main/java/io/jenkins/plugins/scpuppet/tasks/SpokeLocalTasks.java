package io.jenkins.plugins.scpuppet.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import io.jenkins.plugins.scpuppet.manifest.DependsOn;
import io.jenkins.plugins.scpuppet.manifest.Placeholders;
import io.jenkins.plugins.scpuppet.manifest.SpokeLocalPortfolio;
import io.jenkins.plugins.scpuppet.manifest.Target;
import java.util.List;
import java.util.Locale;

/**
 * A spoke-local portfolio becomes, per target: create the local portfolio (after the hub one is shared), copy or
 * import the products, associate principals; then, once that target's portfolio is filled, launch role constraints
 * keyed by the local portfolio's id. A terminated one becomes DeletePortfolio per target.
 */
final class SpokeLocalTasks {
    private final TaskFactory f;
    private final SharingTasks sharing;
    private final DeletionTasks deletion;

    SpokeLocalTasks(TaskFactory f, SharingTasks sharing, DeletionTasks deletion) {
        this.f = f;
        this.sharing = sharing;
        this.deletion = deletion;
    }

    TaskSpec spokeLocalPortfolio(String name) {
        return f.item(
                DependsOn.Section.SPOKE_LOCAL_PORTFOLIO,
                name,
                () -> build(f.expanded.manifest().spokeLocalPortfolios().get(name)));
    }

    private TaskSpec build(SpokeLocalPortfolio item) {
        List<Target> targets = f.expanded.spokeLocalPortfolioTargets().get(item.name());
        TaskSpec.Builder task =
                f.spec(PuppetFamily.SpokeLocalPortfolioTask).param("spoke_local_portfolio_name", item.name());
        if (f.options.dryRun()) {
            return task.build();
        }
        if (item.status() == SpokeLocalPortfolio.Status.TERMINATED) {
            for (Target t : targets) {
                task.requires(deletion.deletePortfolio(
                        t.accountId(), t.region(), item.portfolio(), item.productGenerationMethod()));
            }
            return task.build();
        }
        List<TaskSpec> dependencies = f.dependencies(item.dependsOn());
        for (Target t : targets) {
            TaskSpec create = create(item, t, dependencies);
            TaskSpec fill = fill(item, t, create);
            task.requires(create).requires(fill);
            if (!item.associations().isEmpty()) {
                task.requires(associations(item, t, create));
            }
            if (!item.launchConstraints().isEmpty()) {
                task.requires(constraintsOnceFilled(item, t, create, fill));
            }
        }
        return task.build();
    }

    /**
     * Per target, as upstream's task of this name: once the local portfolio is created and filled, its launch
     * constraints, keyed by its id. Each target goes on as soon as its own portfolio is filled, not after every
     * target's.
     */
    private TaskSpec constraintsOnceFilled(SpokeLocalPortfolio item, Target t, TaskSpec create, TaskSpec fill) {
        // Named by its item too: two items of one portfolio and target may constrain it differently.
        return perTarget(PuppetFamily.CreateLaunchRoleConstraintsForSpokeLocalPortfolioTask, item, t)
                .param("spoke_local_portfolio_name", item.name())
                .requires(create)
                .requires(fill)
                .work(ctx -> {
                    String portfolioId = ctx.input(create).path("portfolio_id").asText();
                    ctx.require(List.of(launchConstraints(item, t, portfolioId)));
                    return ctx.emptyResult().put("portfolio_id", portfolioId);
                })
                .build();
    }

    private TaskSpec create(SpokeLocalPortfolio item, Target t, List<TaskSpec> dependencies) {
        TaskSpec hub = sharing.hubPortfolio(t.region(), item.portfolio());
        return perTarget(PuppetFamily.CreateSpokeLocalPortfolioTask, item, t)
                .requires(hub)
                .requiresAll(dependencies)
                .resource("servicecatalog.create_portfolio_" + t.accountId() + "_" + t.region())
                .work(ctx -> {
                    JsonNode hubPortfolio = ctx.input(hub);
                    ctx.require(List.of(sharing.createShare(
                            t.accountId(),
                            t.region(),
                            item.portfolio(),
                            hubPortfolio.path("portfolio_id").asText())));
                    return f.ops.ensureLocalPortfolio(
                            t.accountId(),
                            t.region(),
                            item.portfolio(),
                            hubPortfolio.path("provider_name").asText(),
                            hubPortfolio.path("description").asText());
                })
                .build();
    }

    private TaskSpec fill(SpokeLocalPortfolio item, Target t, TaskSpec create) {
        boolean copy = item.productGenerationMethod() == SpokeLocalPortfolio.GenerationMethod.COPY;
        TaskSpec hub = sharing.hubPortfolio(t.region(), item.portfolio());
        return perTarget(
                        copy
                                ? PuppetFamily.CopyIntoSpokeLocalPortfolioTask
                                : PuppetFamily.ImportIntoSpokeLocalPortfolioTask,
                        item,
                        t)
                .requires(create)
                .requires(hub)
                .resource("servicecatalog.associate_product_with_portfolio_" + t.accountId() + "_" + t.region())
                .work(ctx -> f.ops.fillLocalPortfolio(
                        t.accountId(),
                        t.region(),
                        ctx.input(hub).path("portfolio_id").asText(),
                        ctx.input(create).path("portfolio_id").asText(),
                        copy))
                .build();
    }

    private TaskSpec associations(SpokeLocalPortfolio item, Target t, TaskSpec create) {
        List<String> principals = item.associations().stream()
                .map(a -> Placeholders.fill(a, t.accountId(), t.region()))
                .toList();
        return perTarget(PuppetFamily.CreateAssociationsForPortfolioTask, item, t)
                .insignificant("associations", TaskFactory.json(principals))
                .requires(create)
                .resource("cloudformation.create_or_update_" + t.accountId() + "_" + t.region())
                .work(ctx -> f.ops.associatePrincipals(
                        t.accountId(),
                        t.region(),
                        ctx.input(create).path("portfolio_id").asText(),
                        principals))
                .build();
    }

    /** Cacheable, keyed by the local portfolio id and the constraints themselves: a changed constraint re-runs. */
    private TaskSpec launchConstraints(SpokeLocalPortfolio item, Target t, String portfolioId) {
        List<PuppetOperations.Constraint> constraints = item.launchConstraints().stream()
                .map(c -> new PuppetOperations.Constraint(
                        c.product(),
                        c.products(),
                        c.roles().stream()
                                .map(r -> Placeholders.fill(r, t.accountId(), t.region()))
                                .toList()))
                .toList();
        return f.spec(PuppetFamily.CreateLaunchRoleConstraintsForPortfolio)
                .param("puppet_account_id", f.puppetAccountId)
                .param("account_id", t.accountId())
                .param("region", t.region())
                .param("portfolio", item.portfolio())
                .param("portfolio_id", portfolioId)
                .param(
                        "product_generation_method",
                        item.productGenerationMethod().name().toLowerCase(Locale.ROOT))
                .param("launch_constraints", TaskFactory.json(constraints))
                .resource("cloudformation.create_or_update_" + t.accountId() + "_" + t.region())
                .maxAttempts(3)
                .work(ctx -> f.ops.launchConstraints(t.accountId(), t.region(), portfolioId, constraints))
                .build();
    }

    private TaskSpec.Builder perTarget(PuppetFamily family, SpokeLocalPortfolio item, Target t) {
        return f.spec(family)
                .param("account_id", t.accountId())
                .param("region", t.region())
                .param("portfolio", item.portfolio())
                .maxAttempts(3);
    }
}
