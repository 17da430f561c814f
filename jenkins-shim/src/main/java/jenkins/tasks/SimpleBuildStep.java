package jenkins.tasks;

import hudson.model.Action;
import java.util.Collection;

/**
 * Shim of core's SimpleBuildStep, for its nested LastBuildAction only: core's LastBuildActionFactory adds the
 * project actions of the last successful build's LastBuildActions to the job. The BuildStep supertype and the
 * perform methods are left out; nothing here implements the step itself.
 */
public interface SimpleBuildStep {
    /** A build action that contributes actions to its job while its build is the last successful one. */
    interface LastBuildAction extends Action {
        Collection<? extends Action> getProjectActions();
    }
}
