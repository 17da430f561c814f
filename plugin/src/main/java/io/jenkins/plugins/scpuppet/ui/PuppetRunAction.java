package io.jenkins.plugins.scpuppet.ui;

import hudson.model.Action;
import hudson.model.Run;
import io.jenkins.plugins.scpuppet.agentreport.InvalidReportException;
import io.jenkins.plugins.scpuppet.agentreport.ReportJson;
import io.jenkins.plugins.scpuppet.agentreport.ReportSchema;
import io.jenkins.plugins.scpuppet.agentreport.RunReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
    private final List<DeploySection> sections = new ArrayList<>();
    private transient Run<?, ?> run;

    /**
     * Stores a call's report in the build folder and adds its section; returns the stored file's path. The report
     * comes from the agent: it is read through {@link ReportSchema} first, and what is stored and served is the
     * accepted model written again, never the agent's text. An invalid report stores nothing and adds no section.
     *
     * @throws InvalidReportException naming the JSON path and the rule the agent's report broke
     */
    public static synchronized String record(Run<?, ?> run, String manifest, String reportJson) throws IOException {
        RunReport report = ReportSchema.read(reportJson);
        PuppetRunAction action = run.getAction(PuppetRunAction.class);
        boolean attach = action == null;
        if (attach) {
            action = new PuppetRunAction();
        }
        int n = action.sections.size() + 1;
        Path root = run.getRootDir().toPath();
        Path file = root.resolve("puppet").resolve(Integer.toString(n)).resolve("run-report.json");
        writeWhole(file, ReportJson.write(report));
        action.sections.add(DeploySection.of(manifest, root.relativize(file).toString(), report));
        if (attach) {
            run.addAction(action);
        }
        return file.toString();
    }

    /** Writes to a temp name and renames, so neither the page nor a failed write leaves half a report. */
    private static void writeWhole(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Exported
    public List<DeploySection> getSections() {
        return List.copyOf(sections);
    }

    /** Totals over every puppetDeploy call of the build, for api/json and the summary card. */
    @Exported
    public int getExecuted() {
        return sections.stream().mapToInt(DeploySection::getExecuted).sum();
    }

    @Exported
    public int getCached() {
        return sections.stream().mapToInt(DeploySection::getCached).sum();
    }

    @Exported
    public int getFailed() {
        return sections.stream().mapToInt(DeploySection::getFailed).sum();
    }

    @Exported
    public int getSkipped() {
        return sections.stream().mapToInt(DeploySection::getSkipped).sum();
    }

    @Exported
    public long getSavedMillis() {
        return sections.stream().mapToLong(DeploySection::getSavedMillis).sum();
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
        rsp.setHeader("X-Content-Type-Options", "nosniff"); // JSON, never sniffed as a page
        rsp.setContentLengthLong(Files.size(file));
        Files.copy(file, rsp.getOutputStream());
    }

    /** The stored report of the 1-based section named in the query ({@code null} means 1), or empty. */
    static Optional<String> reportFileOf(List<DeploySection> sections, String sectionParam) {
        int n;
        try {
            n = sectionParam == null || sectionParam.isBlank() ? 1 : Integer.parseInt(sectionParam.strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return n >= 1 && n <= sections.size() ? Optional.of(sections.get(n - 1).getReportFile()) : Optional.empty();
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
