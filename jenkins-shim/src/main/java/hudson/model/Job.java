package hudson.model;

import java.util.SortedMap;

/**
 * Shim of core's Job, with its real constructor and abstract methods: a test's fake job must compile against the
 * real class too.
 */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {
    protected Job(ItemGroup parent, String name) {}

    public RunT getLastBuild() {
        throw new UnsupportedOperationException("shim");
    }

    public abstract boolean isBuildable();

    protected abstract SortedMap<Integer, ? extends RunT> _getRuns();

    protected abstract void removeRun(RunT run);
}
