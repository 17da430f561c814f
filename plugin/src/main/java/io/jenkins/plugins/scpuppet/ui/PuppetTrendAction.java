package io.jenkins.plugins.scpuppet.ui;

import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * The job's puppet trend: a chart on the job page (floatingBox.jelly) fed by {@code puppet-trend/trend}, the
 * executed and cached counts and the time saved of the last builds, each linking to its report. Not stored: the last
 * successful build's {@link PuppetRunAction#getProjectActions()} creates it, so it must stay cheap to create. It
 * holds only the job and walks builds (at most {@link TrendModel#MAX_BUILDS}) when the trend is requested.
 */
public final class PuppetTrendAction implements Action {
    private final Job<?, ?> job;

    PuppetTrendAction(Job<?, ?> job) {
        this.job = job;
    }

    /** Serves the trend as JSON. */
    public void doTrend(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        byte[] body = TrendModel.toJson(points(job.getLastBuild(), TrendModel.MAX_BUILDS))
                .getBytes(StandardCharsets.UTF_8);
        rsp.setContentType("application/json;charset=UTF-8");
        rsp.setContentLengthLong(body.length);
        rsp.getOutputStream().write(body);
    }

    /** The points of up to {@code limit} builds back from {@code newest}, skipping builds without a puppet action. */
    static List<TrendModel.Point> points(Run<?, ?> newest, int limit) {
        List<TrendModel.Point> points = new ArrayList<>();
        Run<?, ?> r = newest;
        for (int seen = 1; r != null; seen++) {
            PuppetRunAction action = r.getAction(PuppetRunAction.class);
            if (action != null) {
                points.add(new TrendModel.Point(
                        r.getNumber(), r.getDisplayName(), r.getUrl(), BuildSummary.of(action.getSections())));
            }
            // Each getPreviousBuild may load a build from disk: stop before asking for one past the limit.
            r = seen < limit ? r.getPreviousBuild() : null;
        }
        return points;
    }

    @Override
    public String getIconFileName() {
        return null; // only the chart on the job page, no side-panel link
    }

    @Override
    public String getDisplayName() {
        return "Service Catalog puppet trend";
    }

    @Override
    public String getUrlName() {
        return "puppet-trend";
    }
}
