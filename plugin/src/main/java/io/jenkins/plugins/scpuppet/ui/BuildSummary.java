package io.jenkins.plugins.scpuppet.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The build page's card: totals over every puppetDeploy call of the build, and one line per call. The hit rate is
 * over all calls (cached / cacheable), not an average of rates.
 */
record BuildSummary(
        int executed,
        int cached,
        int failed,
        int skipped,
        int cacheable,
        long savedMillis,
        long wallMillis,
        List<DeploySection> sections) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static BuildSummary of(List<DeploySection> sections) {
        return new BuildSummary(
                sections.stream().mapToInt(DeploySection::getExecuted).sum(),
                sections.stream().mapToInt(DeploySection::getCached).sum(),
                sections.stream().mapToInt(DeploySection::getFailed).sum(),
                sections.stream().mapToInt(DeploySection::getSkipped).sum(),
                sections.stream().mapToInt(DeploySection::getCacheable).sum(),
                sections.stream().mapToLong(DeploySection::getSavedMillis).sum(),
                sections.stream().mapToLong(DeploySection::getWallMillis).sum(),
                List.copyOf(sections));
    }

    /** cached / cacheable over all calls; 0 when nothing was cacheable. */
    double cacheHitRate() {
        return cacheable == 0 ? 0 : (double) cached / cacheable;
    }

    /** Writes the totals into {@code node}: the fields the card and each trend point share. */
    ObjectNode putTotals(ObjectNode node) {
        return node.put("executed", executed)
                .put("cached", cached)
                .put("failed", failed)
                .put("skipped", skipped)
                .put("cacheable", cacheable)
                .put("cacheHitRate", cacheHitRate())
                .put("savedMillis", savedMillis)
                .put("wallMillis", wallMillis);
    }

    String toJson() {
        ObjectNode doc = putTotals(JSON.createObjectNode());
        doc.set("topReasons", TopReasons.of(sections, TopReasons.SHOWN).toJson(JSON));
        ArrayNode calls = doc.putArray("sections");
        for (int i = 0; i < sections.size(); i++) {
            DeploySection s = sections.get(i);
            calls.addObject()
                    .put("section", i + 1)
                    .put("manifest", s.getManifest())
                    .put("executed", s.getExecuted())
                    .put("cached", s.getCached())
                    .put("failed", s.getFailed())
                    .put("skipped", s.getSkipped());
        }
        return doc.toString();
    }
}
