package io.jenkins.plugins.scpuppet.engine;

import java.util.List;

/** Thrown out of a task's work by {@link TaskContext#require} to pause it until new requirements are done. */
final class MissingRequirements extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient List<TaskSpec> specs;

    MissingRequirements(List<TaskSpec> specs) {
        super(null, null, false, false);
        this.specs = specs;
    }
}
