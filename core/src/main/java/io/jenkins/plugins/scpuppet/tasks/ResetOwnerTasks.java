package io.jenkins.plugins.scpuppet.tasks;

import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import io.jenkins.plugins.scpuppet.manifest.ExpandedManifest;
import io.jenkins.plugins.scpuppet.manifest.Launch;
import io.jenkins.plugins.scpuppet.manifest.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * Upstream's reset-provisioned-product-owner: one ResetProvisionedProductOwnerTask per provisioned launch target, so
 * the PuppetRole owns what puppet provisioned (needed after products were provisioned by another principal). The
 * family is cacheable, as the seed lists it: a target already reset is not reset again until the cache is purged.
 */
public final class ResetOwnerTasks {
    private ResetOwnerTasks() {}

    public static List<TaskSpec> roots(ExpandedManifest expanded, PuppetOperations ops) {
        List<TaskSpec> out = new ArrayList<>();
        for (Launch l : expanded.manifest().launches().values()) {
            if (l.status() != Launch.Status.PROVISIONED || l.execution() == Launch.Execution.SPOKE) {
                continue;
            }
            for (Target t : expanded.launchTargets().get(l.name())) {
                out.add(TaskSpec.builder(PuppetFamily.ResetProvisionedProductOwnerTask)
                        .param("launch_name", l.name())
                        .param("account_id", t.accountId())
                        .param("region", t.region())
                        .resource("servicecatalog.update_provisioned_product_properties_" + t.accountId() + "_"
                                + t.region())
                        .maxAttempts(3)
                        .work(ctx -> ops.resetOwner(l.name(), t.accountId(), t.region()))
                        .build());
            }
        }
        return out;
    }
}
