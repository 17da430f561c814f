package io.jenkins.plugins.scpuppet.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** Step parameter binding as the snippet generator and pipeline see it: symbols, constructors and setters. */
class StepBindingTest {

    private static List<String> setters(Class<? extends Step> step) {
        return Arrays.stream(step.getMethods())
                .filter(m -> m.isAnnotationPresent(DataBoundSetter.class))
                .map(Method::getName)
                .sorted()
                .toList();
    }

    private static void assertStep(Class<? extends Step> step, Class<? extends StepDescriptor> descriptor,
            String name, List<String> setters) throws Exception {
        assertThat(Arrays.stream(step.getConstructors()).filter(c -> c.isAnnotationPresent(DataBoundConstructor.class)))
                .hasSize(1);
        assertThat(setters(step)).containsExactlyElementsOf(setters);
        assertThat(descriptor.getAnnotation(Symbol.class).value()).containsExactly(name);
        StepDescriptor d = descriptor.getDeclaredConstructor().newInstance();
        assertThat(d.getFunctionName()).isEqualTo(name);
        assertThat(new java.util.HashSet<Object>(d.getRequiredContext()))
                .isEqualTo(java.util.Set.of(Run.class, TaskListener.class, FilePath.class, EnvVars.class));
        assertThat(d.getDisplayName()).isNotBlank();
        for (String resource : List.of("help.html", "config.jelly")) {
            assertThat(step.getClassLoader().getResource(step.getName().replace('.', '/') + "/" + resource))
                    .as("%s for %s", resource, name)
                    .isNotNull();
        }
    }

    @Test
    void shouldBindEveryStep() throws Exception {
        assertStep(PuppetDeployStep.class, PuppetDeployStep.DescriptorImpl.class, "puppetDeploy", List.of(
                "setCacheDir", "setDryRun", "setFailOnCacheSaveError", "setHomeRegion", "setKeepRuns", "setMirror",
                "setPuppetAccountId", "setRerun", "setSingleAccount", "setTrustUnindexedCache",
                "setUnstableOnFailure", "setWorkers"));
        assertStep(PuppetListLaunchesStep.class, PuppetListLaunchesStep.DescriptorImpl.class, "puppetListLaunches",
                List.of("setCacheDir", "setHomeRegion", "setPuppetAccountId", "setWorkers"));
        assertStep(PuppetSetConfigStep.class, PuppetSetConfigStep.DescriptorImpl.class, "puppetSetConfig",
                List.of("setHomeRegion"));
        assertStep(PuppetBootstrapStep.class, PuppetBootstrapStep.DescriptorImpl.class, "puppetBootstrap",
                List.of("setCacheWriters", "setHubPrincipals", "setKmsKeyId", "setLeastPrivilege",
                        "setNoncurrentVersionDays",
                        "setPermissionBoundary", "setPuppetRole", "setSpokeVersion", "setWithEventBus"));
        assertStep(PuppetPurgeCacheStep.class, PuppetPurgeCacheStep.DescriptorImpl.class, "puppetPurgeCache",
                List.of("setDryRun", "setHomeRegion", "setStale", "setTask", "setWithDependents"));
    }

    @Test
    void shouldDefaultAsDocumentedAndRefuseBadValues() {
        PuppetDeployStep step = new PuppetDeployStep("manifest.yaml");
        assertThat(step.settings()).isEqualTo(new DeploySettings("manifest.yaml", 128, ".puppet-cache", true, false,
                null, null));
        step.setWorkers(0);
        assertThatThrownBy(step::settings).hasMessage("puppetDeploy workers must be from 1 to 256, got 0");
        step.setWorkers(10);
        step.setKeepRuns(3);
        assertThat(step.settings().journalsKept()).isEqualTo(3);
        step.setKeepRuns(0);
        assertThatThrownBy(step::settings).hasMessage("puppetDeploy keepRuns must be at least 1 (this run), got 0");
        step.setKeepRuns(3);
        assertThat(step.settings().trustUnindexedCache()).as("refuse an unauthenticated cache by default").isFalse();
        step.setTrustUnindexedCache(true);
        assertThat(step.settings().trustUnindexedCache()).isTrue();
        assertThatThrownBy(() -> new PuppetDeployStep(" ").settings()).hasMessageContaining("needs manifest");
        assertThat(new PuppetListLaunchesStep("manifest.yaml").settings())
                .as("a dry run, never mirrored").isEqualTo(new DeploySettings("manifest.yaml", 10, ".puppet-cache",
                        false, true, null, null));
        assertThatThrownBy(() -> new PuppetListLaunchesStep(null).settings())
                .hasMessage("puppetListLaunches needs manifest: 'path/to/manifest.yaml'");
        assertThatThrownBy(() -> new PuppetSetConfigStep("is_caching_enabled", "maybe").start(null))
                .hasMessage("is_caching_enabled takes True or False, got 'maybe'");
        assertThatThrownBy(() -> new PuppetSetConfigStep("nope", "True").start(null))
                .hasMessageContaining("unknown config name 'nope'");
    }

    @Test
    void shouldPassTheCacheWritersToTheHubStackAndRefuseBadOnes() {
        PuppetBootstrapStep plain = new PuppetBootstrapStep("eu-west-1");
        PuppetBootstrapStep writers = new PuppetBootstrapStep("eu-west-1");
        writers.setCacheWriters(
                " arn:aws:iam::111111111111:role/jenkins/agent,\n arn:aws:iam::111111111111:role/ops/* ");
        PuppetBootstrapStep session = new PuppetBootstrapStep("eu-west-1");
        session.setCacheWriters("arn:aws:sts::111111111111:assumed-role/agent/build-12");

        assertThat(plain.bootstrapOptions().cacheWriters()).isEmpty();
        assertThat(writers.bootstrapOptions().cacheWriters())
                .containsExactly(
                        "arn:aws:iam::111111111111:role/jenkins/agent", "arn:aws:iam::111111111111:role/ops/*");
        assertThatThrownBy(session::bootstrapOptions)
                .hasMessageContaining("puppetBootstrap cacheWriters: arn:aws:sts::111111111111:assumed-role/agent/"
                        + "build-12 is not an IAM role or user ARN");
    }

    @Test
    void shouldShapeTheHubsPuppetRoleOnlyWhenAsked() {
        PuppetBootstrapStep plain = new PuppetBootstrapStep("eu-west-1");
        PuppetBootstrapStep role = new PuppetBootstrapStep("eu-west-1");
        role.setPuppetRole(true);
        role.setLeastPrivilege(true);
        role.setPermissionBoundary(" arn:aws:iam::111111111111:policy/cap ");
        role.setHubPrincipals("arn:aws:iam::111111111111:role/jenkins/agent,\n arn:aws:iam::111111111111:role/ops/*");
        PuppetBootstrapStep orphan = new PuppetBootstrapStep("eu-west-1");
        orphan.setLeastPrivilege(true);
        PuppetBootstrapStep badPrincipal = new PuppetBootstrapStep("eu-west-1");
        badPrincipal.setPuppetRole(true);
        badPrincipal.setHubPrincipals("jenkins");

        assertThat(plain.spokeOptions()).isNull();
        assertThat(role.spokeOptions()).isEqualTo(new io.jenkins.plugins.scpuppet.bootstrap.SpokeOptions(true,
                "arn:aws:iam::111111111111:policy/cap", List.of("arn:aws:iam::111111111111:role/jenkins/agent",
                        "arn:aws:iam::111111111111:role/ops/*"), false));
        assertThatThrownBy(orphan::spokeOptions).hasMessageContaining("add puppetRole: true");
        assertThatThrownBy(badPrincipal::spokeOptions)
                .hasMessageContaining("puppetBootstrap hubPrincipals: jenkins is not an IAM principal ARN");
    }
}
