package io.jenkins.plugins.scpuppet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cases file for {@code judge.mjs --requests}: requests against one resource policy (a template's bucket or key
 * policy), each with the principal's identity policy and the verdict expected.
 */
final class JudgedRequests {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUMMARY = Pattern.compile(
            "iam-judge (\\S+): (\\d+) requests, (\\d+) as expected, (\\d+) unexpected, (\\d+) not judgeable.*");

    private final ObjectNode cases = JSON.createObjectNode();
    private final ArrayNode requests;

    JudgedRequests(String name, Path template, String account, String region, String logicalId) {
        cases.put("name", name);
        cases.putObject("policy")
                .put("template", template.toAbsolutePath().toString())
                .put("account", account)
                .put("region", region)
                .put("logicalId", logicalId);
        requests = cases.putArray("requests");
    }

    /** One request; {@code identity} is the principal's identity policy (null for none). */
    JudgedRequests add(
            String principal, String action, String resource, JsonNode identity, String expect, String deniedBy) {
        ObjectNode r = requests.addObject()
                .put("principalArn", principal)
                .put("action", action)
                .put("resource", resource)
                .put("expect", expect);
        r.putObject("context").put("aws:SecureTransport", "true");
        if (identity != null) {
            r.set("identityPolicy", identity);
        }
        if (deniedBy != null) {
            r.put("deniedBy", deniedBy);
        }
        return this;
    }

    int size() {
        return requests.size();
    }

    Path write(Path file) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), cases);
        return file;
    }

    /** An identity policy that allows {@code actions} on {@code resource}. */
    static JsonNode allow(String resource, String... actions) {
        ObjectNode policy = JSON.createObjectNode().put("Version", "2012-10-17");
        ObjectNode statement = policy.putArray("Statement").addObject().put("Effect", "Allow");
        ArrayNode list = statement.putArray("Action");
        List.of(actions).forEach(list::add);
        statement.put("Resource", resource);
        return policy;
    }

    /** The summary line's counts: requests, as expected, unexpected, not judgeable. */
    static int[] summary(IamJudge.Verdict v, String name) {
        for (String line : v.lines()) {
            Matcher m = SUMMARY.matcher(line);
            if (m.matches() && m.group(1).equals(name)) {
                return new int[] {
                    Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5))
                };
            }
        }
        throw new AssertionError("no summary line for " + name + " in:\n" + String.join("\n", v.lines()));
    }
}
