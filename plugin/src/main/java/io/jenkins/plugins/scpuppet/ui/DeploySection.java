package io.jenkins.plugins.scpuppet.ui;

import io.jenkins.plugins.scpuppet.agentreport.RunReport;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One puppetDeploy call of a build: where its stored report is and its totals; exported into the build's api/json.
 * Persisted in build.xml inside {@link PuppetRunAction}, so a plain class with final fields: Jenkins' XStream writes a
 * record but cannot read one back.
 */
@ExportedBean
public final class DeploySection {
    private final String manifest;
    private final String reportFile;
    private final int executed;
    private final int cached;
    private final int failed;
    private final int skipped;
    private final int cacheable;
    private final double cacheHitRate;
    private final long wallMillis;
    private final long savedMillis;
    /** Tasks per miss reason, in the schema's order; null in build.xml written before issue #22. */
    private final LinkedHashMap<String, Integer> missReasons;

    /** @param reportFile the stored report, relative to the build folder */
    public DeploySection(
            String manifest,
            String reportFile,
            int executed,
            int cached,
            int failed,
            int skipped,
            int cacheable,
            double cacheHitRate,
            long wallMillis,
            long savedMillis) {
        this(manifest, reportFile, executed, cached, failed, skipped, cacheable, cacheHitRate, wallMillis,
                savedMillis, Map.of());
    }

    /** @param missReasons tasks per miss reason (totals.missReasons), reasons with none left out */
    public DeploySection(
            String manifest,
            String reportFile,
            int executed,
            int cached,
            int failed,
            int skipped,
            int cacheable,
            double cacheHitRate,
            long wallMillis,
            long savedMillis,
            Map<String, Integer> missReasons) {
        this.manifest = manifest;
        this.reportFile = reportFile;
        this.executed = executed;
        this.cached = cached;
        this.failed = failed;
        this.skipped = skipped;
        this.cacheable = cacheable;
        this.cacheHitRate = cacheHitRate;
        this.wallMillis = wallMillis;
        this.savedMillis = savedMillis;
        this.missReasons = new LinkedHashMap<>(missReasons);
    }

    /** A call's section from its accepted report. */
    static DeploySection of(String manifest, String reportFile, RunReport report) {
        RunReport.Totals t = report.totals();
        Map<String, Integer> reasons = new LinkedHashMap<>();
        t.missReasons().forEach((r, n) -> reasons.put(r.name(), n));
        return new DeploySection(manifest, reportFile, t.executed(), t.cached(), t.failed(), t.skipped(),
                t.cacheable(), t.cacheHitRate(), report.wallMillis(), t.savedMillis(), reasons);
    }

    @Exported
    public String getManifest() {
        return manifest;
    }

    @Exported
    public String getReportFile() {
        return reportFile;
    }

    @Exported
    public int getExecuted() {
        return executed;
    }

    @Exported
    public int getCached() {
        return cached;
    }

    @Exported
    public int getFailed() {
        return failed;
    }

    @Exported
    public int getSkipped() {
        return skipped;
    }

    @Exported
    public int getCacheable() {
        return cacheable;
    }

    @Exported
    public double getCacheHitRate() {
        return cacheHitRate;
    }

    @Exported
    public long getWallMillis() {
        return wallMillis;
    }

    @Exported
    public long getSavedMillis() {
        return savedMillis;
    }

    /** Tasks per miss reason of this call; empty for a call recorded before miss reasons were reported. */
    @Exported
    public Map<String, Integer> getMissReasons() {
        return missReasons == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(missReasons));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeploySection s
                && Objects.equals(manifest, s.manifest) && Objects.equals(reportFile, s.reportFile)
                && executed == s.executed && cached == s.cached && failed == s.failed && skipped == s.skipped
                && cacheable == s.cacheable && Double.compare(cacheHitRate, s.cacheHitRate) == 0
                && wallMillis == s.wallMillis && savedMillis == s.savedMillis
                && getMissReasons().equals(s.getMissReasons());
    }

    @Override
    public int hashCode() {
        return Objects.hash(manifest, reportFile, executed, cached, failed, skipped, cacheable, cacheHitRate,
                wallMillis, savedMillis, getMissReasons());
    }

    @Override
    public String toString() {
        return "DeploySection[manifest=" + manifest + ", reportFile=" + reportFile + ", executed=" + executed
                + ", cached=" + cached + ", failed=" + failed + ", skipped=" + skipped + ", cacheable=" + cacheable
                + ", cacheHitRate=" + cacheHitRate + ", wallMillis=" + wallMillis + ", savedMillis=" + savedMillis
                + ", missReasons=" + getMissReasons() + "]";
    }
}
