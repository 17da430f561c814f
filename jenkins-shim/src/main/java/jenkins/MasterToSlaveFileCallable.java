package jenkins;

import jenkins.agents.ControllerToAgentFileCallable;

/** Shim of core's MasterToSlaveFileCallable. */
public abstract class MasterToSlaveFileCallable<T> implements ControllerToAgentFileCallable<T> {}
