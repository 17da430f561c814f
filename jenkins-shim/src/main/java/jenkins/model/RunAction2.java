package jenkins.model;

import hudson.model.Action;
import hudson.model.Run;

/** Shim of core's RunAction2: an action told when it is attached to or loaded with its build. */
public interface RunAction2 extends Action {
    void onAttached(Run<?, ?> r);

    void onLoad(Run<?, ?> r);
}
