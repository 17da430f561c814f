package io.jenkins.plugins.scpuppet.check;

import hudson.model.Run;
import io.jenkins.plugins.scpuppet.ui.FakeBuilds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.thoughtworks.xstream.converters.ConversionException;
import hudson.model.Action;
import io.jenkins.plugins.scpuppet.agentreport.MissReports;
import io.jenkins.plugins.scpuppet.agentreport.SampleReports;
import io.jenkins.plugins.scpuppet.engine.TaskKey;
import io.jenkins.plugins.scpuppet.ui.DeploySection;
import io.jenkins.plugins.scpuppet.ui.PuppetRunAction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the plugin puts in build.xml, written and read back as Jenkins' XStream does across a restart. */
class BuildXmlRoundTripTest {
    @TempDir
    Path buildDir;

    @Test
    void shouldReadTheRunActionBackWithEverySectionAndEveryField() throws Exception {
        Run<?, ?> build = FakeBuilds.build(buildDir.toFile());
        PuppetRunAction.record(build, "hub/manifest.yaml", SampleReports.report(10, 0, 0, 0, 4, 0));
        PuppetRunAction.record(build, "spokes/manifest.yaml", SampleReports.report(2, 4, 1, 3, 6, 700));
        PuppetRunAction.record(build, "hub/manifest.yaml", SampleReports.report(0, 5, 0, 0, 5, 1500));
        PuppetRunAction.record(build, "why/manifest.yaml", MissReports.twoReasons().toString());
        PuppetRunAction action = build.getAction(PuppetRunAction.class);

        PuppetRunAction back = BuildXml.assertSurvivesRestart(action, PuppetRunAction.class);

        assertThat(back.getSections()).hasSize(4).isEqualTo(action.getSections());
        assertThat(back.getSections().get(3).getMissReasons())
                .containsExactly(Map.entry("NO_TARGET", 1), Map.entry("PARAMETERS_CHANGED", 1));
        assertThat(back.getSections().get(1).getCacheHitRate()).isEqualTo(4 / 6.0);
        back.onLoad(build); // as Jenkins does after reading build.xml
        assertThat(back.getSummaryJson()).isEqualTo(action.getSummaryJson());
        assertThat(back.getRun()).isSameAs(build);
        assertThat(BuildXml.xstream().toXML(action))
                .contains("<io.jenkins.plugins.scpuppet.ui.DeploySection>")
                .contains("<manifest>spokes/manifest.yaml</manifest>");
    }

    @Test
    void shouldCompareEveryFieldOfASection() {
        DeploySection a = new DeploySection("m.yaml", "puppet/1/run-report.json", 1, 2, 3, 4, 5, 0.4, 6, 7);
        DeploySection b = new DeploySection("m.yaml", "puppet/1/run-report.json", 1, 2, 3, 4, 5, 0.5, 6, 8);

        DeepCompare compare = DeepCompare.of(a, b);

        assertThat(compare.differences()).containsExactly("$.cacheHitRate: 0.4 became 0.5", "$.savedMillis: 7 became 8");
        assertThat(compare.comparedFields()).hasSize(11);
    }

    /** build.xml written before miss reasons has no missReasons element: the section reads back with none. */
    @Test
    void shouldReadASectionWrittenBeforeMissReasonsWithNone() {
        DeploySection now = new DeploySection("m.yaml", "puppet/1/run-report.json", 1, 2, 3, 4, 5, 0.4, 6, 7,
                Map.of("NO_TARGET", 2));
        String xml = BuildXml.xstream().toXML(now);
        String before = xml.replaceAll("(?s)\\s*<missReasons>.*</missReasons>", "");

        DeploySection old = (DeploySection) BuildXml.xstream().fromXML(before);

        assertThat(xml).contains("<missReasons>");
        assertThat(before).doesNotContain("missReasons");
        assertThat(old.getMissReasons()).isEmpty();
        assertThat(old.getSavedMillis()).isEqualTo(7);
        assertThat(old).isEqualTo(new DeploySection("m.yaml", "puppet/1/run-report.json", 1, 2, 3, 4, 5, 0.4, 6, 7));
    }

    /** The reason for the plain class: a record goes out to build.xml but does not come back. */
    @Test
    void shouldFailOnADeliberateRecordWithXStreamsConversionException() {
        RecordAction action = new RecordAction(new Point(3, 4));

        assertThat(BuildXml.xstream().toXML(action)).contains("<x>3</x>"); // written...
        assertThatThrownBy(() -> BuildXml.assertSurvivesRestart(action, RecordAction.class))
                .isInstanceOf(ConversionException.class) // ...but not read back
                .hasMessageContaining("can't get field offset on a record class")
                .hasMessageContaining(Point.class.getName());
        assertThatThrownBy(() -> BuildXml.assertOnlyPermittedClasses(action))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("$.point is a record (" + Point.class.getName() + ")");
    }

    @Test
    void shouldRefuseClassesJenkinsClassFilterRefuses() {
        HoldingAction jdk = new HoldingAction(new AtomicInteger(1));
        assertThatThrownBy(() -> BuildXml.assertOnlyPermittedClasses(jdk))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("java.util.concurrent.atomic.AtomicInteger in the JDK, not in whitelisted");
        assertThatThrownBy(() -> BuildXml.restarted(jdk, HoldingAction.class))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("Refusing to marshal java.util.concurrent.atomic.AtomicInteger");
        // A class of the bundled core jar (a jar without a plugin manifest) is refused too.
        HoldingAction core = new HoldingAction(TaskKey.of("Task", Map.of()));
        assertThatThrownBy(() -> BuildXml.assertOnlyPermittedClasses(core))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Jenkins' class filter refuses io.jenkins.plugins.scpuppet.engine.TaskKey in");
        // What the filter permits goes through.
        BuildXml.assertSurvivesRestart(
                new HoldingAction(new ArrayList<>(List.of("text", 1, 2L, true, 0.5))), HoldingAction.class);
    }

    /** A test-only value persisted the way PuppetRunAction.Section once was. */
    record Point(int x, int y) {}

    /** A test-only action holding a record. */
    static final class RecordAction implements Action {
        private final Point point;

        RecordAction(Point point) {
            this.point = point;
        }

        @Override
        public String getIconFileName() {
            return null;
        }

        @Override
        public String getDisplayName() {
            return "record";
        }

        @Override
        public String getUrlName() {
            return null;
        }
    }

    /** A test-only action holding any value. */
    static final class HoldingAction implements Action {
        private final Object value;

        HoldingAction(Object value) {
            this.value = value;
        }

        @Override
        public String getIconFileName() {
            return null;
        }

        @Override
        public String getDisplayName() {
            return "holding";
        }

        @Override
        public String getUrlName() {
            return null;
        }
    }
}
