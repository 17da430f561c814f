package io.jenkins.plugins.scpuppet.ui;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/** Adds the trend to a job when one of its last few builds ran puppetDeploy; other jobs are left alone. */
@Extension
@SuppressWarnings("rawtypes") // TransientActionFactory<Job> is how core's own factories for jobs are declared
public final class PuppetTrendActionFactory extends TransientActionFactory<Job> {
    /** Builds checked before deciding a job has no trend: runs on every page of the job, so kept small. */
    static final int BUILDS_CHECKED = 5;

    @Override
    public Class<Job> type() {
        return Job.class;
    }

    @Override
    public Collection<? extends Action> createFor(Job target) {
        int checked = 0;
        for (Run<?, ?> r = target.getLastBuild(); r != null && checked < BUILDS_CHECKED; r = r.getPreviousBuild()) {
            if (r.getAction(PuppetRunAction.class) != null) {
                return List.of(new PuppetTrendAction(target));
            }
            checked++;
        }
        return List.of();
    }
}
