package io.jenkins.plugins.scpuppet.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scpuppet.steps.PuppetDeployStep;
import java.io.InputStream;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A build running when Jenkins restarts onto a newer plugin resumes from the program.dat the older one wrote. River
 * reads an object with the fields of the class loaded now: a field added to an ordinary class reads as its default,
 * but a component added to a record makes the old stream unreadable. The streams under {@code program-dat/} were
 * written with {@link ProgramDat#write} by the commit in their name, from the steps set up as below.
 */
class ProgramDatFromEarlierVersionsTest {

    @ParameterizedTest(name = "River version {0}")
    @ValueSource(ints = {ProgramDat.DEFAULT_VERSION, 3})
    void shouldResumeAPuppetDeployWrittenBeforeRerunExisted(int version) throws Exception {
        Object back = ProgramDat.read(stream("puppetDeploy-0467d0e-v" + version + ".bin"), version);

        DeepCompare compare = DeepCompare.of(deployAsWrittenAt0467d0e(), back);

        assertThat(compare.differences()).as("fields changed since 0467d0e wrote it").isEmpty();
        assertThat(compare.comparedFields())
                .as("rerun, added since, reads false")
                .contains("$.rerun", "$.settings.singleAccount", "$.failOnCacheSaveError");
    }

    private static StepExecution deployAsWrittenAt0467d0e() {
        PuppetDeployStep deploy = new PuppetDeployStep("hub/manifest.yaml");
        deploy.setWorkers(7);
        deploy.setCacheDir(".cache-x");
        deploy.setMirror(false);
        deploy.setDryRun(true);
        deploy.setUnstableOnFailure(true);
        deploy.setFailOnCacheSaveError(true);
        deploy.setHomeRegion("eu-central-1");
        deploy.setPuppetAccountId("123456789012");
        deploy.setKeepRuns(4);
        deploy.setTrustUnindexedCache(true);
        deploy.setSingleAccount("210987654321");
        return deploy.start(new TestStepContext("deploy"));
    }

    private static byte[] stream(String name) throws Exception {
        try (InputStream in = ProgramDatFromEarlierVersionsTest.class.getResourceAsStream("/program-dat/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
