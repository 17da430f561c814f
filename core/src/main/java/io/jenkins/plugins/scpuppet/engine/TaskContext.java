package io.jenkins.plugins.scpuppet.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** What a running task can see: its spec, its requirements' results, and a way to add requirements on the fly. */
public interface TaskContext {

    TaskSpec spec();

    /** 1 for the first attempt, then counting retries. */
    int attempt();

    /** Result of a requirement (static or dynamic) that has completed; fails if it is not one. */
    JsonNode input(TaskSpec requirement);

    /**
     * Dynamic dependencies: returns the results of {@code more} if they are all complete. Otherwise the engine pauses
     * this task, runs them, and runs this task again from the start (so work before this call must be repeatable).
     */
    List<JsonNode> require(List<TaskSpec> more);

    /** Run-wide value (for example the run token) given in the run options. */
    String runToken();

    default ObjectNode emptyResult() {
        return JsonNodeFactory.instance.objectNode();
    }
}
