package io.jenkins.plugins.scpuppet.check;

import hudson.model.Result;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * A serializable step context that only carries an id (Pipeline's own, CpsStepContext, is serializable too and
 * compared by its ids). Nothing is looked up through it: the executions are only built and persisted here.
 */
final class TestStepContext extends StepContext {
    private static final long serialVersionUID = 1L;
    private final String id;

    TestStepContext(String id) {
        this.id = id;
    }

    @Override
    public <T> T get(Class<T> key) {
        return null;
    }

    @Override
    public void onSuccess(Object result) {}

    @Override
    public void setResult(Result r) {}

    @Override
    public boolean equals(Object o) {
        return o instanceof TestStepContext c && c.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
