package io.jenkins.plugins.scpuppet.check;

import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.RunAction2;

/** A build with a folder and actions (the shim's Run has no bodies), enough for the run action to store reports. */
final class TestBuild extends Run<TestBuild.TestJob, TestBuild> {
    private final File rootDir;
    private final List<Action> actions = new ArrayList<>();

    TestBuild(File rootDir) {
        this.rootDir = rootDir;
    }

    /** The job type the shim's Run needs as a type parameter; never instantiated. */
    abstract static class TestJob extends Job<TestJob, TestBuild> {}

    @Override
    public void addAction(Action a) {
        actions.add(a);
        if (a instanceof RunAction2 attached) {
            attached.onAttached(this);
        }
    }

    @Override
    public <T extends Action> T getAction(Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
    }

    @Override
    public File getRootDir() {
        return rootDir;
    }

    @Override
    public String getExternalizableId() {
        return "check#1";
    }
}
