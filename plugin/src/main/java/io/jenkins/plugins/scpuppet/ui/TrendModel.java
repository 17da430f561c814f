package io.jenkins.plugins.scpuppet.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The job page's trend: one point per build with a puppet action, oldest first, as JSON for trend.js. */
final class TrendModel {
    /** Builds looked at, newest first: enough for a trend, few enough that the page stays cheap. */
    static final int MAX_BUILDS = 30;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One build: its number, its display name (free text a pipeline may set, written as text by trend.js), its URL
     * (relative to Jenkins' root) and its totals over every puppetDeploy call.
     */
    record Point(int build, String displayName, String url, BuildSummary summary) {}

    private TrendModel() {}

    /** Points given newest first (as builds are walked) come out oldest first, as a chart reads left to right. */
    static String toJson(List<Point> newestFirst) {
        List<Point> points = new ArrayList<>(newestFirst);
        Collections.reverse(points);
        ObjectNode doc = JSON.createObjectNode();
        ArrayNode builds = doc.putArray("builds");
        for (Point p : points) {
            p.summary()
                    .putTotals(builds.addObject()
                            .put("build", p.build())
                            .put("displayName", p.displayName())
                            .put("url", p.url()));
        }
        return doc.toString();
    }
}
