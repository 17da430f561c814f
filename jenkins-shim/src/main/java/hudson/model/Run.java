package hudson.model;

import java.io.File;

/** Shim of core's Run: a build. Its real constructors only, so a test's fake build must call one, as in core. */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {
    protected Run(JobT job, long timestamp) {}

    public void addAction(Action a) {
        throw new UnsupportedOperationException("shim");
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("shim");
    }

    public File getRootDir() {
        throw new UnsupportedOperationException("shim");
    }

    public String getExternalizableId() {
        throw new UnsupportedOperationException("shim");
    }

    public int getNumber() {
        throw new UnsupportedOperationException("shim");
    }

    public RunT getPreviousBuild() {
        throw new UnsupportedOperationException("shim");
    }

    public String getUrl() {
        throw new UnsupportedOperationException("shim");
    }

    public JobT getParent() {
        throw new UnsupportedOperationException("shim");
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("shim");
    }
}
