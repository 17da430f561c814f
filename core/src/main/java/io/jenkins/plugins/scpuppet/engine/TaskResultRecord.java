package io.jenkins.plugins.scpuppet.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A finished task's result with its timing and the digests of the requirement results it consumed. */
public record TaskResultRecord(
        JsonNode result, long startedAtMillis, long finishedAtMillis, Map<TaskKey, String> inputDigests) {}
