package io.jenkins.plugins.scpuppet.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.scpuppet.engine.Engine;
import io.jenkins.plugins.scpuppet.engine.RetryBackoff;
import io.jenkins.plugins.scpuppet.engine.RunListener;
import io.jenkins.plugins.scpuppet.engine.RunOptions;
import io.jenkins.plugins.scpuppet.engine.RunSummary;
import io.jenkins.plugins.scpuppet.engine.TaskException;
import io.jenkins.plugins.scpuppet.engine.TaskFamily;
import io.jenkins.plugins.scpuppet.engine.TaskSpec;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportWritersTest {
    record Fam(String name, boolean cacheable) implements TaskFamily {}

    @TempDir
    Path dir;

    RunSummary summary;

    @BeforeEach
    void runSmallDag() throws Exception {
        TaskSpec cached = TaskSpec.builder(new Fam("Share", true))
                .param("account_id", "111")
                .build();
        TaskSpec broken = TaskSpec.builder(new Fam("Provision", false))
                .param("account_id", "111")
                .param("odd", "tab\tbell\u0007<&>")
                .requires(cached)
                .work(ctx -> {
                    throw new TaskException("InvalidParametersException", "version v9 <not> found", false);
                })
                .build();
        TaskSpec dependent = TaskSpec.builder(new Fam("Outputs", false))
                .param("account_id", "111")
                .requires(broken)
                .build();
        RunOptions options = RunOptions.defaults(dir.resolve("cache")).withBackoff(RetryBackoff.NONE);
        summary = Engine.run(List.of(dependent), options, RunListener.NONE);
    }

    @Test
    void shouldWriteSchemaTotalsAndOneEntryPerTask() throws Exception {
        Path file = dir.resolve("report/run-report.json");
        RunReportWriter.write(summary, file);

        JsonNode doc = new ObjectMapper().readTree(file.toFile());
        assertThat(doc.path("schema").asText()).isEqualTo("scpuppet-run-report/1");
        assertThat(doc.path("outcome").asText()).isEqualTo("TASK_FAILURES");
        assertThat(doc.path("exitStatus").asInt()).isEqualTo(1);
        JsonNode totals = doc.path("totals");
        assertThat(totals.path("tasks").asInt()).isEqualTo(3);
        assertThat(totals.path("executed").asInt()).isEqualTo(1);
        assertThat(totals.path("failed").asInt()).isEqualTo(1);
        assertThat(totals.path("skipped").asInt()).isEqualTo(1);
        assertThat(totals.path("cached").asInt()).isZero();
        assertThat(doc.path("tasks")).hasSize(3);
        JsonNode failed = find(doc, "Provision");
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("errorCode").asText()).isEqualTo("InvalidParametersException");
        assertThat(failed.path("requires").get(0).asText()).isEqualTo("Share(account_id=111)");
        JsonNode skipped = find(doc, "Outputs");
        assertThat(skipped.path("blockedBy").asText()).startsWith("Provision(");
        assertThat(find(doc, "Share").path("target").asText()).isEqualTo("output/Share/account_id=111.json");
        assertThat(dir.resolve("report/run-report.json.tmp")).doesNotExist();
    }

    private static JsonNode find(JsonNode doc, String family) {
        for (JsonNode t : doc.path("tasks")) {
            if (t.path("family").asText().equals(family)) {
                return t;
            }
        }
        throw new AssertionError("no task of family " + family);
    }

    @Test
    void shouldWriteParseableJUnitXmlWithOneCasePerTask() throws Exception {
        Path file = dir.resolve("junit.xml");
        JUnitXmlWriter.write(summary, file);

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(3);
        assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(xml.getElementsByTagName("skipped").getLength()).isEqualTo(1);
        String failure = xml.getElementsByTagName("failure")
                .item(0)
                .getAttributes()
                .getNamedItem("message")
                .getNodeValue();
        assertThat(failure).isEqualTo("version v9 <not> found");
        assertThat(xml.getElementsByTagName("testsuite").getLength()).isEqualTo(3);
    }

    @Test
    void shouldReplaceCharactersXmlCannotCarry() {
        assertThat(JUnitXmlWriter.xmlSafe("a\u0007b\uD800c\tz")).isEqualTo("a\uFFFDb\uFFFDc\tz");
    }
}
