package io.jenkins.plugins.scpuppet.aws;

import static io.jenkins.plugins.scpuppet.engine.Runs.failures;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.scpuppet.config.FileConfigStore;
import io.jenkins.plugins.scpuppet.deploy.DeployRequest;
import io.jenkins.plugins.scpuppet.deploy.DeployResult;
import io.jenkins.plugins.scpuppet.deploy.Deployment;
import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.RunOutcome;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpMethod;

/** A save that fails after the deploy is a warning: the run's outcome, exit status, report and junit all stand. */
class FailedSaveDeployTest extends StandInTest {
    private static final Path DEMO = Path.of("..", "test-resources", "manifests", "demo", "manifest.yaml");
    private final List<String> log = new CopyOnWriteArrayList<>();

    @Test
    void shouldKeepTheDeploysExitStatusAndItsReportWhenTheSaveFails() throws Exception {
        Path work = Files.createDirectories(cache.resolve("work"));
        List<String> writesBeforeTheReports = new CopyOnWriteArrayList<>();
        List<Boolean> reportsOnDiskAtEachWrite = new CopyOnWriteArrayList<>();
        DeployResult result;
        try (WriteRefusingS3 s3 = new WriteRefusingS3(HUB, "eu-west-1")) {
            s3.clients.intercept(new ExecutionInterceptor() {
                @Override
                public void beforeTransmission(Context.BeforeTransmission c, ExecutionAttributes a) {
                    if (c.httpRequest().method() == SdkHttpMethod.PUT) {
                        boolean reports = Files.exists(work.resolve("run-report.json"))
                                && Files.exists(work.resolve("junit.xml"));
                        reportsOnDiskAtEachWrite.add(reports);
                        if (!reports) {
                            writesBeforeTheReports.add(c.httpRequest().encodedPath());
                        }
                    }
                }
            });
            result = deploy(work, s3.clients, RunListener.NONE);
        }

        RunSummary run = result.summary();
        assertThat(run.outcome()).as(failures(run)).isEqualTo(RunOutcome.SUCCESS);
        assertThat(run.outcome().exitStatus()).isZero();
        // The save was tried, and the reports were on disk before anything the deploy waits for: the save begins while
        // the run goes, but its first write, the lease (refused here), is the only one before the reports.
        assertThat(reportsOnDiskAtEachWrite).isNotEmpty().endsWith(true);
        assertThat(writesBeforeTheReports)
                .hasSizeLessThanOrEqualTo(1)
                .allMatch(p -> p.endsWith("/output/_puppet/lease.json"));
        assertThat(reportsOnDiskAtEachWrite.subList(
                        reportsOnDiskAtEachWrite.indexOf(true), reportsOnDiskAtEachWrite.size()))
                .containsOnly(true);
        assertThat(result.restore()).isNotNull(); // reading the bucket worked; writing it did not
        assertThat(result.cacheSaved()).isFalse();
        assertThat(result.cacheSaveWarning())
                .startsWith("cache not saved to s3://sc-puppet-caching-bucket-" + HUB + "-eu-west-1/output: ")
                .doesNotContain("\n");
        JsonNode report = new ObjectMapper().readTree(result.report().toFile());
        assertThat(report.path("outcome").asText()).isEqualTo("SUCCESS");
        assertThat(report.path("exitStatus").asInt()).isZero();
        assertThat(report.path("runId").asText()).isEqualTo(run.runId());
        assertThat(report.path("cacheSaveWarning").asText()).isEqualTo(result.cacheSaveWarning());
        assertThat(report.path("tasks")).hasSize(run.tasks().size());
        assertThat(Files.readString(result.junit())).contains("<testsuite name=\"puppet.");
        assertThat(log)
                .filteredOn(l -> l.startsWith("WARNING "))
                .containsExactly("WARNING " + result.cacheSaveWarning() + "; the deploy's outcome stands: SUCCESS");
        assertThat(log).noneMatch(l -> l.startsWith("saved cache"));
    }

    @Test
    void shouldWriteNoWarningWhenTheSaveGoesThrough() throws Exception {
        Path work = Files.createDirectories(cache.resolve("work"));
        DeployResult result;
        try (io.jenkins.plugins.scpuppet.mirror.LocalS3 s3 = new io.jenkins.plugins.scpuppet.mirror.LocalS3()) {
            result = deploy(work, s3.clients, RunListener.NONE);
        }

        assertThat(result.summary().outcome()).as(failures(result.summary())).isEqualTo(RunOutcome.SUCCESS);
        assertThat(result.cacheSaved()).isTrue();
        assertThat(result.cacheSaveWarning()).isNull();
        assertThat(result.save().transferred()).isPositive();
        assertThat(new ObjectMapper().readTree(result.report().toFile()).has("cacheSaveWarning"))
                .isFalse();
        assertThat(log)
                .anyMatch(l -> l.startsWith("saved cache to s3://")
                        && l.contains("; uploaded " + result.save().transferred() + " of them while the run went on"))
                .noneMatch(l -> l.startsWith("WARNING"));
    }

    private DeployResult deploy(Path work, AwsClients s3, RunListener listener) throws Exception {
        Path config = cache.resolve("config.yaml");
        Files.writeString(config, "regions: [eu-west-1, eu-west-2]\nis_caching_enabled: true\n");
        return new Deployment(clients.withS3(s3), new FileConfigStore(config), log::add)
                .deploy(new DeployRequest(DEMO, HUB, "eu-west-1", work, work, 4, true, false, "test"), listener);
    }
}
