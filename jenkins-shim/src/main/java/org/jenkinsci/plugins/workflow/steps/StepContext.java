package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Result;
import java.io.IOException;
import java.io.Serializable;

/** Shim of workflow-step-api's StepContext (its Guava FutureCallback supertype is left out). */
public abstract class StepContext implements Serializable {
    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    public abstract void onSuccess(Object result);

    public abstract void setResult(Result r);

    @Override
    public abstract boolean equals(Object o);

    @Override
    public abstract int hashCode();
}
