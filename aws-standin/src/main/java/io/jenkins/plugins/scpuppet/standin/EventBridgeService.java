package io.jenkins.plugins.scpuppet.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Set;

/** EventBridge event buses (awsJson1_1). */
public final class EventBridgeService implements JsonService {
    private final Set<String> buses = new LinkedHashSet<>();

    @Override
    public String targetPrefix() {
        return "AWSEvents";
    }

    public synchronized boolean exists(String account, String region, String name) {
        return buses.contains(account + "/" + region + "/" + name);
    }

    @Override
    public synchronized JsonNode handle(Caller c, String op, JsonNode in) {
        String name = in.path("Name").asText("default");
        String key = c.accountId() + "/" + c.region() + "/" + name;
        String arn = "arn:aws:events:" + c.region() + ":" + c.accountId() + ":event-bus/" + name;
        ObjectNode out = AwsStandIn.JSON.createObjectNode();
        switch (op) {
            case "DescribeEventBus" -> {
                if (!buses.contains(key)) {
                    throw new AwsError("ResourceNotFoundException", "Event bus " + name + " does not exist.");
                }
                out.put("Name", name).put("Arn", arn);
            }
            case "CreateEventBus" -> {
                if (!buses.add(key)) {
                    throw new AwsError("ResourceAlreadyExistsException", "Event bus " + name + " already exists.");
                }
                out.put("EventBusArn", arn);
            }
            default -> throw new AwsError("UnknownOperationException", "EventBridge " + op + " is not implemented");
        }
        return out;
    }
}
