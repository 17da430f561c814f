package io.jenkins.plugins.scpuppet.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.model.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * The build's puppet action: one section per puppetDeploy call. It keeps only small totals in build.xml; each call's
 * full run report is a file in the build folder ({@code puppet/<n>/run-report.json}), loaded when the page asks.
 */
@ExportedBean
public final class PuppetRunAction implements RunAction2 {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Section> sections = new ArrayList<>();
    private transient Run<?, ?> run;

    /** One puppetDeploy call: where its report is and its totals; exported into the build's api/json. */
    @ExportedBean
    public record Section(
            @Exported String manifest,
            @Exported String reportFile,
            @Exported int executed,
            @Exported int cached,
            @Exported int failed,
            @Exported int skipped,
            @Exported double cacheHitRate,
            @Exported long wallMillis,
            @Exported long savedMillis) {}

    /** Stores a call's report in the build folder and adds its section; returns the stored file's path. */
    public static synchronized String record(Run<?, ?> run, String manifest, String reportJson) throws IOException {
        PuppetRunAction action = run.getAction(PuppetRunAction.class);
        boolean attach = action == null;
        if (attach) {
            action = new PuppetRunAction();
        }
        int n = action.sections.size() + 1;
        Path file = run.getRootDir().toPath().resolve("puppet").resolve(Integer.toString(n)).resolve(
                "run-report.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, reportJson, StandardCharsets.UTF_8);
        action.sections.add(section(manifest, run.getRootDir().toPath().relativize(file).toString(), reportJson));
        if (attach) {
            run.addAction(action);
        }
        return file.toString();
    }

    static Section section(String manifest, String reportFile, String reportJson) throws IOException {
        JsonNode totals = JSON.readTree(reportJson).path("totals");
        return new Section(manifest, reportFile, totals.path("executed").asInt(), totals.path("cached").asInt(),
                totals.path("failed").asInt(), totals.path("skipped").asInt(), totals.path("cacheHitRate").asDouble(),
                JSON.readTree(reportJson).path("wallMillis").asLong(), totals.path("savedMillis").asLong());
    }

    @Exported
    public List<Section> getSections() {
        return List.copyOf(sections);
    }

    /** Totals over every puppetDeploy call of the build, for api/json and the summary card. */
    @Exported
    public int getExecuted() {
        return sections.stream().mapToInt(Section::executed).sum();
    }

    @Exported
    public int getCached() {
        return sections.stream().mapToInt(Section::cached).sum();
    }

    @Exported
    public int getFailed() {
        return sections.stream().mapToInt(Section::failed).sum();
    }

    @Exported
    public int getSkipped() {
        return sections.stream().mapToInt(Section::skipped).sum();
    }

    @Exported
    public long getSavedMillis() {
        return sections.stream().mapToLong(Section::savedMillis).sum();
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-cube";
    }

    @Override
    public String getDisplayName() {
        return "Service Catalog puppet";
    }

    @Override
    public String getUrlName() {
        return "puppet";
    }
}
