package io.jenkins.plugins.scpuppet.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed IAM policy document. Parsing refuses what IAM refuses for the document's kind (MalformedPolicyDocument):
 * an Effect other than Allow or Deny, an identity statement without Resource, a trust statement without Principal or
 * with Resource.
 */
record PolicyDocument(List<Statement> statements) {

    /**
     * What a document is for: an identity policy or boundary (no Principal), a role's trust policy (Principal, no
     * Resource), or a KMS key policy (Principal and Resource, as KMS requires both).
     */
    enum Kind {
        IDENTITY,
        TRUST,
        KEY
    }

    /** One statement; exactly one of actions/notActions and (identity) of resources/notResources is non-null. */
    record Statement(
            String sid,
            boolean allow,
            List<String> actions,
            List<String> notActions,
            List<String> resources,
            List<String> notResources,
            JsonNode principal,
            JsonNode notPrincipal,
            JsonNode condition) {

        boolean appliesToAction(String action) {
            if (actions != null) {
                return actions.stream().anyMatch(a -> Wildcards.matches(a, action, true));
            }
            return notActions.stream().noneMatch(a -> Wildcards.matches(a, action, true));
        }

        boolean appliesToResource(String resource) {
            if (resources != null) {
                return resources.stream().anyMatch(r -> Wildcards.matches(r, resource, false));
            }
            return notResources == null || notResources.stream().noneMatch(r -> Wildcards.matches(r, resource, false));
        }
    }

    /** The AdministratorAccess managed policy: Allow * on *. */
    static final PolicyDocument ADMINISTRATOR_ACCESS = new PolicyDocument(
            List.of(new Statement(null, true, List.of("*"), null, List.of("*"), null, null, null, null)));

    static PolicyDocument parse(String text, Kind kind) {
        try {
            return parse(AwsStandIn.JSON.readTree(text), kind);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw malformed("not JSON: " + e.getOriginalMessage());
        }
    }

    static PolicyDocument parse(JsonNode doc, Kind kind) {
        if (doc.isTextual()) {
            return parse(doc.asText(), kind);
        }
        JsonNode statements = doc.path("Statement");
        if (statements.isMissingNode()) {
            throw malformed("no Statement");
        }
        List<Statement> out = new ArrayList<>();
        for (JsonNode s : statements.isArray() ? statements : List.of(statements)) {
            out.add(statement(s, kind));
        }
        return new PolicyDocument(List.copyOf(out));
    }

    private static Statement statement(JsonNode s, Kind kind) {
        String effect = s.path("Effect").asText();
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw malformed("Effect must be Allow or Deny, got '" + effect + "'");
        }
        List<String> actions = strings(s.get("Action"));
        List<String> notActions = strings(s.get("NotAction"));
        if ((actions == null) == (notActions == null)) {
            throw malformed("a statement needs exactly one of Action and NotAction");
        }
        List<String> resources = strings(s.get("Resource"));
        List<String> notResources = strings(s.get("NotResource"));
        JsonNode principal = s.get("Principal");
        JsonNode notPrincipal = s.get("NotPrincipal");
        if (kind == Kind.IDENTITY) {
            if ((resources == null) == (notResources == null)) {
                throw malformed("an identity statement needs exactly one of Resource and NotResource");
            }
            if (principal != null || notPrincipal != null) {
                throw malformed("an identity statement has no Principal");
            }
        } else if (kind == Kind.KEY) {
            if ((principal == null) == (notPrincipal == null)) {
                throw malformed("a key policy statement needs exactly one of Principal and NotPrincipal");
            }
            if ((resources == null) == (notResources == null)) {
                throw malformed("a key policy statement needs exactly one of Resource and NotResource");
            }
        } else {
            if ((principal == null) == (notPrincipal == null)) {
                throw malformed("a trust statement needs exactly one of Principal and NotPrincipal");
            }
            if (resources != null || notResources != null) {
                throw malformed("a trust statement has no Resource");
            }
        }
        return new Statement(
                s.path("Sid").asText(null),
                effect.equals("Allow"),
                actions,
                notActions,
                resources,
                notResources,
                principal,
                notPrincipal,
                s.get("Condition"));
    }

    private static List<String> strings(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else {
            out.add(node.asText());
        }
        return List.copyOf(out);
    }

    static AwsError malformed(String why) {
        return new AwsError("MalformedPolicyDocument", "Policy document is malformed: " + why);
    }
}
