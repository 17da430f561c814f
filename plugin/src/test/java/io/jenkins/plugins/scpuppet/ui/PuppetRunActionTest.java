package io.jenkins.plugins.scpuppet.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The action's view model: totals read from a stored run report. */
class PuppetRunActionTest {

    @Test
    void shouldReadTheSectionTotalsFromTheReport() throws Exception {
        String report = "{\"schema\":\"scpuppet-run-report/1\",\"wallMillis\":1234,\"totals\":{\"tasks\":10,"
                + "\"executed\":4,\"cached\":5,\"failed\":1,\"skipped\":0,\"cacheHitRate\":0.8333}}";

        PuppetRunAction.Section s = PuppetRunAction.section("manifest.yaml", "puppet/1/run-report.json", report);

        assertThat(s).isEqualTo(new PuppetRunAction.Section("manifest.yaml", "puppet/1/run-report.json", 4, 5, 1, 0,
                0.8333, 1234, 0));
        PuppetRunAction action = new PuppetRunAction();
        assertThat(action.getUrlName()).isEqualTo("puppet");
        assertThat(action.getSections()).isEmpty();
    }

    /** What the build's api/json shows: the action's totals and each section's fields. */
    @Test
    void shouldExportTheSummaryIntoTheRemoteApi() throws Exception {
        assertThat(PuppetRunAction.class.isAnnotationPresent(org.kohsuke.stapler.export.ExportedBean.class)).isTrue();
        java.util.List<String> exported = java.util.Arrays.stream(PuppetRunAction.class.getMethods())
                .filter(m -> m.isAnnotationPresent(org.kohsuke.stapler.export.Exported.class))
                .map(java.lang.reflect.Method::getName)
                .sorted()
                .toList();
        assertThat(exported).containsExactly("getCached", "getExecuted", "getFailed", "getSavedMillis",
                "getSections", "getSkipped");
        java.util.List<String> sectionFields = java.util.Arrays.stream(PuppetRunAction.Section.class.getMethods())
                .filter(m -> m.isAnnotationPresent(org.kohsuke.stapler.export.Exported.class))
                .map(java.lang.reflect.Method::getName)
                .sorted()
                .toList();
        assertThat(sectionFields).containsExactly("cacheHitRate", "cached", "executed", "failed", "manifest",
                "reportFile", "savedMillis", "skipped", "wallMillis");
        assertThat(new PuppetRunAction().getExecuted()).isZero();
    }
}
