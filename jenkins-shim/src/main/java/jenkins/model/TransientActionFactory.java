package jenkins.model;

import hudson.ExtensionPoint;
import hudson.model.Action;
import java.util.Collection;

/** Shim of core's TransientActionFactory: adds actions to objects of a type without storing them. */
public abstract class TransientActionFactory<T> implements ExtensionPoint {
    public abstract Class<T> type();

    public abstract Collection<? extends Action> createFor(T target);
}
