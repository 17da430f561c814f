package io.jenkins.plugins.scpuppet.check;

import io.jenkins.plugins.scpuppet.steps.PuppetBootstrapStep;
import io.jenkins.plugins.scpuppet.steps.PuppetDeployStep;
import io.jenkins.plugins.scpuppet.steps.PuppetListLaunchesStep;
import io.jenkins.plugins.scpuppet.steps.PuppetPurgeCacheStep;
import io.jenkins.plugins.scpuppet.steps.PuppetSetConfigStep;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;

/**
 * Every step of the plugin, each option set, as at b40019a. The streams {@code program-dat/<name>-b40019a-v<N>.bin}
 * were written from these steps' executions ({@link ProgramDatFromEarlierVersionsTest}), so this set-up must stay as
 * it is: a field added later is set by the caller, after it.
 */
final class StepsAsOfB40019a {
    private StepsAsOfB40019a() {}

    /** A fresh step per name; the name doubles as the step context's id. */
    static Map<String, Step> steps() {
        Map<String, Step> all = new LinkedHashMap<>();
        PuppetDeployStep deploy = new PuppetDeployStep("hub/manifest.yaml");
        deploy.setWorkers(7);
        deploy.setCacheDir(".cache-x");
        deploy.setMirror(false);
        deploy.setDryRun(true);
        deploy.setUnstableOnFailure(true);
        deploy.setHomeRegion("eu-central-1");
        deploy.setPuppetAccountId("123456789012");
        deploy.setKeepRuns(4);
        deploy.setTrustUnindexedCache(true);
        deploy.setSingleAccount("210987654321");
        all.put("puppetDeploy", deploy);
        PuppetDeployStep rerun = new PuppetDeployStep("hub/manifest.yaml");
        rerun.setRerun(true); // not with dryRun, so a deploy of its own
        rerun.setHomeRegion("eu-central-1");
        rerun.setPuppetAccountId("123456789012");
        rerun.setSingleAccount("210987654321");
        all.put("puppetDeploy-rerun", rerun);

        PuppetListLaunchesStep launches = new PuppetListLaunchesStep("hub/manifest.yaml");
        launches.setWorkers(3);
        launches.setCacheDir(".cache-l");
        launches.setHomeRegion("eu-west-3");
        launches.setPuppetAccountId("123456789012");
        all.put("puppetListLaunches", launches);

        PuppetBootstrapStep bootstrap = new PuppetBootstrapStep("eu-west-2");
        bootstrap.setNoncurrentVersionDays(45);
        bootstrap.setKmsKeyId("alias/puppet");
        bootstrap.setWithEventBus(true);
        bootstrap.setSpokeVersion("0.84.0");
        bootstrap.setCacheWriters("arn:aws:iam::123456789012:role/jenkins/agent arn:aws:iam::123456789012:role/ops/*");
        bootstrap.setPuppetRole(true);
        bootstrap.setLeastPrivilege(true);
        bootstrap.setPermissionBoundary("arn:aws:iam::123456789012:policy/Boundary");
        bootstrap.setHubPrincipals("arn:aws:iam::123456789012:role/a, arn:aws:iam::123456789012:role/b");
        all.put("puppetBootstrap", bootstrap);

        PuppetPurgeCacheStep purgeTask = new PuppetPurgeCacheStep();
        purgeTask.setTask("ShareAndAcceptPortfolioTask(account_id=123456789012)");
        purgeTask.setWithDependents(false);
        purgeTask.setDryRun(true);
        purgeTask.setHomeRegion("us-east-1");
        all.put("puppetPurgeCache-task", purgeTask);
        PuppetPurgeCacheStep purgeStale = new PuppetPurgeCacheStep();
        purgeStale.setStale(true);
        all.put("puppetPurgeCache-stale", purgeStale);

        PuppetSetConfigStep config = new PuppetSetConfigStep("is_caching_enabled", "True");
        config.setHomeRegion("ap-south-1");
        all.put("puppetSetConfig", config);
        return all;
    }
}
