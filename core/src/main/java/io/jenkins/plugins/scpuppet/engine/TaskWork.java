package io.jenkins.plugins.scpuppet.engine;

import com.fasterxml.jackson.databind.JsonNode;

/** The work a task does when it runs. Returns the task's result, which becomes its target. */
@FunctionalInterface
public interface TaskWork {

    /** Work that does nothing and returns an empty object; for orchestration-only tasks. */
    TaskWork NONE = ctx -> ctx.emptyResult();

    JsonNode run(TaskContext context) throws Exception;
}
