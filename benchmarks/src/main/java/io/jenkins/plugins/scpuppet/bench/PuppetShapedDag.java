package io.jenkins.plugins.scpuppet.bench;

import io.jenkins.plugins.scpuppet.engine.TaskFamily;
import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import io.jenkins.plugins.scpuppet.engine.TaskWork;
import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic DAG shaped like a puppet deployment: per account, region and launch a chain of version lookup,
 * provisioning-artifact parameters (cacheable) and provision; per account and region a cacheable share-and-accept and
 * create-share pair that every provision there requires (fan-in). Every cacheable task is required by a non-cacheable
 * one, so a fully cached run reads and verifies every target.
 */
final class PuppetShapedDag {
    record Fam(String name, boolean cacheable) implements TaskFamily {}

    static final Fam LOOKUP = new Fam("GetVersionDetailsByNames", false);
    static final Fam PARAMS = new Fam("ProvisioningArtifactParametersTask", true);
    static final Fam PROVISION = new Fam("ProvisionProductTask", false);
    static final Fam SHARE = new Fam("ShareAndAcceptPortfolioTask", true);
    static final Fam CREATE_SHARE = new Fam("CreateShareForAccountLaunchRegion", true);
    static final Fam ALL_CACHEABLE_PROVISION = new Fam("LaunchInSpokeTask", true);
    static final Fam ALL_CACHEABLE_LOOKUP = new Fam("RequestPolicyTask", true);

    private static final TaskWork NOOP = ctx -> ctx.emptyResult().put("ok", true);

    /** Roughly {@code target} tasks; returns the roots. */
    static List<TaskSpec> build(int target, boolean everyTaskCacheable) {
        int regions = target >= 10_000 ? 10 : 2;
        int launches = 33;
        int perAccount = regions * (launches * 3 + 2);
        int accounts = Math.max(1, target / perAccount);
        List<TaskSpec> roots = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            String account = String.format("%012d", 100_000_000_000L + a);
            for (int r = 0; r < regions; r++) {
                String region = "region-" + r;
                TaskSpec share = TaskSpec.builder(SHARE)
                        .param("account_id", account)
                        .param("region", region)
                        .param("portfolio", "demo-portfolio")
                        .work(NOOP)
                        .build();
                TaskSpec createShare = TaskSpec.builder(CREATE_SHARE)
                        .param("account_id", account)
                        .param("region", region)
                        .param("portfolio", "demo-portfolio")
                        .requires(share)
                        .work(NOOP)
                        .build();
                for (int l = 0; l < launches; l++) {
                    String launch = "launch-" + l;
                    TaskSpec lookup = TaskSpec.builder(everyTaskCacheable ? ALL_CACHEABLE_LOOKUP : LOOKUP)
                            .param("account_id", account)
                            .param("region", region)
                            .param("launch", launch)
                            .work(NOOP)
                            .build();
                    TaskSpec params = TaskSpec.builder(PARAMS)
                            .param("account_id", account)
                            .param("region", region)
                            .param("launch", launch)
                            .param("version", "v1")
                            .requires(lookup)
                            .work(NOOP)
                            .build();
                    roots.add(TaskSpec.builder(everyTaskCacheable ? ALL_CACHEABLE_PROVISION : PROVISION)
                            .param("account_id", account)
                            .param("region", region)
                            .param("launch", launch)
                            .requires(params)
                            .requires(createShare)
                            .work(NOOP)
                            .build());
                }
            }
        }
        return roots;
    }

    private PuppetShapedDag() {}
}
