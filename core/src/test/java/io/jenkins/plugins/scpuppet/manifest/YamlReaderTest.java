package io.jenkins.plugins.scpuppet.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scpuppet.manifest.YNode.YList;
import io.jenkins.plugins.scpuppet.manifest.YNode.YMap;
import io.jenkins.plugins.scpuppet.manifest.YNode.YScalar;
import org.junit.jupiter.api.Test;

class YamlReaderTest {
    private final YamlReader reader = new YamlReader();

    @Test
    void shouldRememberLinesAndColumns() throws Exception {
        YMap root = (YMap) reader.read("a: 1\nb:\n  - x\n  - y: z\n", "m.yaml");

        assertThat(root.keyMarks().get("b")).isEqualTo(new Mark("m.yaml", 2, 1));
        YList list = (YList) root.entries().get("b");
        assertThat(list.items().get(1).mark().line()).isEqualTo(4);
        assertThat(((YScalar) root.entries().get("a")).kind()).isEqualTo(YNode.Kind.INT);
    }

    @Test
    void shouldResolveAnchorsAliasesAndMergeKeys() throws Exception {
        YMap root = (YMap) reader.read("""
                base: &base {portfolio: p, version: v1}
                launch:
                  <<: *base
                  version: v2
                copy: *base
                """, "m.yaml");

        YMap launch = (YMap) root.entries().get("launch");
        assertThat(((YScalar) launch.entries().get("portfolio")).text()).isEqualTo("p");
        assertThat(((YScalar) launch.entries().get("version")).text()).isEqualTo("v2");
        assertThat(root.entries().get("copy")).isSameAs(root.entries().get("base"));
    }

    @Test
    void shouldRefuseDuplicateKeysNamingBothLines() {
        assertThatThrownBy(() -> reader.read("a: 1\nb: 2\na: 3\n", "m.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessage("m.yaml:3:1: duplicate key 'a' (first at line 1); keep one of them");
    }

    @Test
    void shouldReportSyntaxErrorsWithTheirPosition() {
        assertThatThrownBy(() -> reader.read("a: [1, 2\nb: 3\n", "m.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("m.yaml:")
                .hasMessageContaining("YAML syntax error");
    }

    @Test
    void shouldRefuseSeveralDocumentsAndUnknownAliases() {
        assertThatThrownBy(() -> reader.read("a: 1\n---\nb: 2\n", "m.yaml")).hasMessageContaining("one YAML document");
        assertThatThrownBy(() -> reader.read("a: *nope\n", "m.yaml")).hasMessageContaining("alias *nope has no anchor");
    }

    @Test
    void shouldReadAnEmptyDocumentAsNull() throws Exception {
        assertThat(reader.read("", "m.yaml")).isInstanceOf(YScalar.class);
    }
}
