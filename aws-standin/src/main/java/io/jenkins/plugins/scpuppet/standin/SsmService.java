package io.jenkins.plugins.scpuppet.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** SSM parameters in awsJson1_1, per account and region. */
public final class SsmService implements JsonService {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, Long> versions = new LinkedHashMap<>();

    @Override
    public String targetPrefix() {
        return "AmazonSSM";
    }

    public synchronized void put(String account, String region, String name, String value) {
        values.put(account + "/" + region + "/" + name, value);
    }

    public synchronized String get(String account, String region, String name) {
        return values.get(account + "/" + region + "/" + name);
    }

    @Override
    public synchronized JsonNode handle(Caller c, String op, JsonNode in) {
        String name = in.path("Name").asText();
        String key = c.accountId() + "/" + c.region() + "/" + name;
        ObjectNode out = AwsStandIn.JSON.createObjectNode();
        switch (op) {
            case "GetParameter" -> {
                String value = values.get(key);
                if (value == null) {
                    throw new AwsError("ParameterNotFound", "Parameter " + name + " not found.");
                }
                out.putObject("Parameter")
                        .put("Name", name)
                        .put("Type", "String")
                        .put("Value", value)
                        .put("Version", versions.getOrDefault(key, 1L));
            }
            case "PutParameter" -> {
                if (values.containsKey(key) && !in.path("Overwrite").asBoolean(false)) {
                    throw new AwsError("ParameterAlreadyExists", "The parameter already exists.");
                }
                values.put(key, in.path("Value").asText());
                long v = versions.merge(key, 1L, Long::sum);
                out.put("Version", v).put("Tier", "Standard");
            }
            case "DeleteParameter" -> {
                if (values.remove(key) == null) {
                    throw new AwsError("ParameterNotFound", "Parameter " + name + " not found.");
                }
            }
            default -> throw new AwsError("UnknownOperationException", "SSM " + op + " is not implemented");
        }
        return out;
    }
}
