package io.jenkins.plugins.scpuppet.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scpuppet.steps.PuppetDeployStep;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A build running when Jenkins restarts onto a newer plugin resumes from the program.dat the older one wrote. River
 * reads an object with the fields of the class loaded now: a field added to an ordinary class reads as its default,
 * but a component added to a record makes the old stream unreadable. The streams under {@code program-dat/} were
 * written with {@link ProgramDat#write} by the commit in their name, from the steps as {@link StepsAsOfB40019a} sets them
 * up (0467d0e's deploy also had failOnCacheSaveError set).
 */
class ProgramDatFromEarlierVersionsTest {
    private static final int[] VERSIONS = {ProgramDat.DEFAULT_VERSION, 3};

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

    static Stream<Arguments> writtenAtB40019a() {
        List<Arguments> cases = new ArrayList<>();
        for (String step : StepsAsOfB40019a.steps().keySet()) {
            for (int version : VERSIONS) {
                cases.add(Arguments.of(step, version));
            }
        }
        return cases.stream();
    }

    /** Every step, every option set: a record component or a field type changed since fails here. */
    @ParameterizedTest(name = "{0} at River version {1}")
    @MethodSource("writtenAtB40019a")
    void shouldResumeEveryStepWrittenAtB40019a(String step, int version) throws Exception {
        Object back = ProgramDat.read(stream(b40019aStream(step, version)), version);

        DeepCompare compare = DeepCompare.of(StepsAsOfB40019a.steps().get(step).start(new TestStepContext(step)), back);

        assertThat(compare.differences()).as("fields changed since b40019a wrote it").isEmpty();
        assertThat(compare.comparedFields()).as("fields compared").isNotEmpty();
    }

    /**
     * Writes the b40019a streams again, into the folder named by {@code -Dprogramdat.write}; only for the commit
     * that makes a new set of them (with new names and a new frozen set-up), never to paper over a failure above.
     */
    @Test
    @EnabledIfSystemProperty(named = "programdat.write", matches = ".+")
    void writeStreams() throws Exception {
        Path dir = Path.of(System.getProperty("programdat.write"));
        for (Map.Entry<String, Step> step : StepsAsOfB40019a.steps().entrySet()) {
            StepExecution execution = step.getValue().start(new TestStepContext(step.getKey()));
            for (int version : VERSIONS) {
                Files.write(dir.resolve(b40019aStream(step.getKey(), version)), ProgramDat.write(execution, version));
            }
        }
    }

    private static String b40019aStream(String step, int version) {
        return step + "-b40019a-v" + version + ".bin";
    }

    /** 0467d0e's deploy was b40019a's with failOnCacheSaveError set (both set-ups are frozen). */
    private static StepExecution deployAsWrittenAt0467d0e() {
        PuppetDeployStep deploy = (PuppetDeployStep) StepsAsOfB40019a.steps().get("puppetDeploy");
        deploy.setFailOnCacheSaveError(true);
        return deploy.start(new TestStepContext("deploy"));
    }

    private static byte[] stream(String name) throws Exception {
        try (InputStream in = ProgramDatFromEarlierVersionsTest.class.getResourceAsStream("/program-dat/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
