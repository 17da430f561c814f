package io.jenkins.plugins.scpuppet.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** CodeBuild (awsJson1_1): registered projects; a build is IN_PROGRESS on its first poll, then SUCCEEDED. */
public final class CodeBuildService implements JsonService {
    private final Set<String> projects = new LinkedHashSet<>();
    private final Map<String, Integer> polls = new LinkedHashMap<>();
    private final List<String> started = new ArrayList<>();

    @Override
    public String targetPrefix() {
        return "CodeBuild_20161006";
    }

    public synchronized void register(String account, String region, String project) {
        projects.add(account + "/" + region + "/" + project);
    }

    /** "account region project env" per build started, in order. */
    public synchronized List<String> started() {
        return List.copyOf(started);
    }

    @Override
    public synchronized JsonNode handle(Caller c, String op, JsonNode in) {
        ObjectNode out = AwsStandIn.JSON.createObjectNode();
        switch (op) {
            case "StartBuild" -> {
                String project = in.path("projectName").asText();
                if (!projects.contains(c.accountId() + "/" + c.region() + "/" + project)) {
                    throw new AwsError(
                            "ResourceNotFoundException",
                            "Project cannot be found: arn:aws:codebuild:" + c.region() + ":" + c.accountId()
                                    + ":project/" + project);
                }
                String id = project + ":" + UUID.randomUUID();
                polls.put(id, 0);
                started.add(c.accountId() + " " + c.region() + " " + project + " "
                        + in.path("environmentVariablesOverride"));
                out.putObject("build")
                        .put("id", id)
                        .put("buildStatus", "IN_PROGRESS")
                        .put("projectName", project);
            }
            case "BatchGetBuilds" -> {
                ArrayNode builds = out.putArray("builds");
                for (JsonNode id : in.path("ids")) {
                    Integer n = polls.computeIfPresent(id.asText(), (k, v) -> v + 1);
                    if (n != null) {
                        builds.addObject()
                                .put("id", id.asText())
                                .put("buildStatus", n > 1 ? "SUCCEEDED" : "IN_PROGRESS");
                    }
                }
            }
            default -> throw new AwsError("UnknownOperationException", "CodeBuild " + op + " is not implemented");
        }
        return out;
    }
}
