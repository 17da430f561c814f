package jenkins.agents;

import hudson.FilePath;
import org.jenkinsci.remoting.RoleChecker;

/** Shim of core's ControllerToAgentFileCallable: a FileCallable the controller sends to an agent. */
public interface ControllerToAgentFileCallable<T> extends FilePath.FileCallable<T> {
    @Override
    default void checkRoles(RoleChecker checker) throws SecurityException {}
}
