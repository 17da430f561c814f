package io.jenkins.plugins.scpuppet.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.model.Action;
import hudson.model.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import jenkins.model.RunAction2;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * The build's puppet action: one section per puppetDeploy call. It keeps only small totals in build.xml; each call's
 * full run report is a file in the build folder ({@code puppet/<n>/run-report.json}), loaded when the page asks.
 */
@ExportedBean
public final class PuppetRunAction implements RunAction2, SimpleBuildStep.LastBuildAction {
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
            @Exported int cacheable,
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
        JsonNode report = JSON.readTree(reportJson);
        JsonNode totals = report.path("totals");
        return new Section(
                manifest,
                reportFile,
                totals.path("executed").asInt(),
                totals.path("cached").asInt(),
                totals.path("failed").asInt(),
                totals.path("skipped").asInt(),
                totals.path("cacheable").asInt(),
                totals.path("cacheHitRate").asDouble(),
                report.path("wallMillis").asLong(),
                totals.path("savedMillis").asLong());
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

    /** The build page's summary card, as JSON for summary.js (the same numbers api/json exports). */
    public String getSummaryJson() {
        return BuildSummary.of(sections).toJson();
    }

    /**
     * Serves a section's stored run report: {@code report?section=N} (1-based, default 1). The file was written by
     * {@link #record}; anything else is a 404.
     */
    public void doReport(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        Optional<String> relative = reportFileOf(sections, req.getParameter("section"));
        Path root = run.getRootDir().toPath().toAbsolutePath().normalize();
        Path file = relative.map(r -> root.resolve(r).normalize()).orElse(null);
        if (file == null || !file.startsWith(root) || !Files.isRegularFile(file)) {
            rsp.sendError(404, "no such puppet report section");
            return;
        }
        rsp.setContentType("application/json;charset=UTF-8");
        rsp.setContentLengthLong(Files.size(file));
        Files.copy(file, rsp.getOutputStream());
    }

    /** The stored report of the 1-based section named in the query ({@code null} means 1), or empty. */
    static Optional<String> reportFileOf(List<Section> sections, String sectionParam) {
        int n;
        try {
            n = sectionParam == null || sectionParam.isBlank() ? 1 : Integer.parseInt(sectionParam.strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return n >= 1 && n <= sections.size() ? Optional.of(sections.get(n - 1).reportFile()) : Optional.empty();
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

    /**
     * The job's trend, added by core's LastBuildActionFactory while this build is the job's last successful one.
     * Cheap on purpose (called on every getAllActions): the trend reads builds only when its data is requested.
     */
    @Override
    public Collection<? extends Action> getProjectActions() {
        return run == null ? List.of() : List.of(new PuppetTrendAction(run.getParent()));
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
