package io.jenkins.plugins.scpuppet.check;

import hudson.model.Run;
import io.jenkins.plugins.scpuppet.ui.FakeBuilds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.scpuppet.agentreport.ReportJson;
import io.jenkins.plugins.scpuppet.agentreport.ReportSchema;
import io.jenkins.plugins.scpuppet.agentreport.RunReport;
import io.jenkins.plugins.scpuppet.config.SsmConfigStore;
import io.jenkins.plugins.scpuppet.deploy.DeployRequest;
import io.jenkins.plugins.scpuppet.deploy.DeployResult;
import io.jenkins.plugins.scpuppet.deploy.Deployment;
import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.TaskStatus;
import io.jenkins.plugins.scpuppet.sandbox.Sandbox;
import io.jenkins.plugins.scpuppet.ui.PuppetRunAction;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report written by a real deploy of the demo manifest passes the controller's schema with its meaning intact. */
class AgentReportFromDeployTest {
    private static final String HUB = "111111111111";
    private static final String HOME = "eu-west-1";
    private static final Path DEMO = Path.of("..", "test-resources", "manifests", "demo", "manifest.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void shouldAcceptTheDemosReportsAndStoreThemUnchangedInMeaning() throws Exception {
        String first;
        String second;
        try (Sandbox box = Sandbox.forManifest(DEMO, HUB, HOME)) {
            first = deploy(box, "job#1");
            second = deploy(box, "job#2"); // the cache is warm: CACHED tasks with savedMillis
        }
        RunReport executed = ReportSchema.read(first);
        RunReport cached = ReportSchema.read(second);

        assertThat(executed.tasks()).isNotEmpty().allMatch(t -> t.status() == TaskStatus.EXECUTED);
        assertThat(cached.tasks()).anyMatch(t -> t.status() == TaskStatus.CACHED && t.savedMillis() != null);
        for (String sent : new String[] {first, second}) {
            assertThat(JSON.readTree(ReportJson.write(ReportSchema.read(sent)))).isEqualTo(JSON.readTree(sent));
        }
        Run<?, ?> build = FakeBuilds.build(tmp.resolve("build").toFile());
        JsonNode stored = JSON.readTree(Files.readString(Path.of(PuppetRunAction.record(build, "manifest.yaml", second))));
        assertThat(stored).isEqualTo(JSON.readTree(second));
        assertThat(build.getAction(PuppetRunAction.class).getCached()).isEqualTo(cached.totals().cached());
    }

    private String deploy(Sandbox box, String owner) throws Exception {
        Path cache = tmp.resolve("cache");
        Deployment deployment = new Deployment(box.clients(), new SsmConfigStore(box.clients().ssm(HUB, HOME)), l -> {});
        DeployResult result = deployment.deploy(
                new DeployRequest(DEMO, HUB, HOME, cache, cache, 4, false, false, owner), RunListener.NONE);
        assertThat(result.summary().outcome().exitStatus()).isZero();
        return Files.readString(result.report());
    }
}
