package io.jenkins.plugins.scpuppet.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SSM parameters in awsJson1_1, per account and region, with their type and version.
 *
 * <p>As AWS documents GetParameter: WithDecryption "returns decrypted values for secure string parameters" and "is
 * ignored for String and StringList parameter types"; without it a SecureString answers its KMS ciphertext (base64),
 * never the value. The stand-in answers an opaque random base64 string in its place, fixed per version. Every put,
 * seeded or through PutParameter, is a new version, as an overwrite is in AWS.
 */
public final class SsmService implements JsonService {
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Parameter(String type, String value, String ciphertext, long version) {}

    private final Map<String, Parameter> parameters = new LinkedHashMap<>();

    @Override
    public String targetPrefix() {
        return "AmazonSSM";
    }

    public synchronized void put(String account, String region, String name, String value) {
        store(account + "/" + region + "/" + name, "String", value);
    }

    /** Seeds a SecureString, as {@code aws ssm put-parameter --type SecureString --overwrite} would. */
    public synchronized void putSecure(String account, String region, String name, String value) {
        store(account + "/" + region + "/" + name, "SecureString", value);
    }

    /** The value (decrypted), or null. */
    public synchronized String get(String account, String region, String name) {
        Parameter p = parameters.get(account + "/" + region + "/" + name);
        return p == null ? null : p.value();
    }

    private long store(String key, String type, String value) {
        Parameter old = parameters.get(key);
        long version = old == null ? 1 : old.version() + 1;
        String ciphertext = null;
        if (type.equals("SecureString")) {
            byte[] blob = new byte[64 + value.length()];
            RANDOM.nextBytes(blob);
            ciphertext = Base64.getEncoder().encodeToString(blob);
        }
        parameters.put(key, new Parameter(type, value, ciphertext, version));
        return version;
    }

    @Override
    public synchronized JsonNode handle(Caller c, String op, JsonNode in) {
        String name = in.path("Name").asText();
        String key = c.accountId() + "/" + c.region() + "/" + name;
        ObjectNode out = AwsStandIn.JSON.createObjectNode();
        switch (op) {
            case "GetParameter" -> {
                Parameter p = parameters.get(key);
                if (p == null) {
                    throw new AwsError("ParameterNotFound", "Parameter " + name + " not found.");
                }
                boolean decrypt = in.path("WithDecryption").asBoolean(false);
                out.putObject("Parameter")
                        .put("Name", name)
                        .put("Type", p.type())
                        .put("Value", p.ciphertext() != null && !decrypt ? p.ciphertext() : p.value())
                        .put("Version", p.version())
                        // As AWS answers: a name without a leading slash gets one in the ARN.
                        .put(
                                "ARN",
                                "arn:aws:ssm:" + c.region() + ":" + c.accountId() + ":parameter"
                                        + (name.startsWith("/") ? "" : "/") + name);
            }
            case "PutParameter" -> {
                Parameter old = parameters.get(key);
                if (old != null && !in.path("Overwrite").asBoolean(false)) {
                    throw new AwsError("ParameterAlreadyExists", "The parameter already exists.");
                }
                if (old == null && !in.hasNonNull("Type")) {
                    // AWS's (and moto's) answer: an overwrite may leave the type out, a creation may not.
                    throw new AwsError(
                            "ValidationException", "A parameter type is required when you create a parameter.");
                }
                String type = in.hasNonNull("Type") ? in.path("Type").asText() : old.type();
                if (!type.equals("String") && !type.equals("StringList") && !type.equals("SecureString")) {
                    throw new AwsError(
                            "ValidationException",
                            "1 validation error detected: Value '" + type + "' at 'type' failed to satisfy"
                                    + " constraint: Member must satisfy enum value set: [SecureString, StringList,"
                                    + " String]");
                }
                out.put("Version", store(key, type, in.path("Value").asText())).put("Tier", "Standard");
            }
            case "DeleteParameter" -> {
                if (parameters.remove(key) == null) {
                    throw new AwsError("ParameterNotFound", "Parameter " + name + " not found.");
                }
            }
            default -> throw new AwsError("UnknownOperationException", "SSM " + op + " is not implemented");
        }
        return out;
    }
}
