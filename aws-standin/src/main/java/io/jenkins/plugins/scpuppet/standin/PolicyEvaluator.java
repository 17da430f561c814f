package io.jenkins.plugins.scpuppet.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * IAM's evaluation logic for one account (IAM User Guide, "Policy evaluation logic"): an explicit Deny in an identity
 * policy or the permissions boundary wins; otherwise a request is allowed only when an identity policy allows it and
 * the boundary, if there is one, allows it too. Trust policies are evaluated as the resource policy of the role.
 * Not modelled: SCPs, RCPs, session policies, resource policies other than trust.
 */
final class PolicyEvaluator {
    private PolicyEvaluator() {}

    enum Decision {
        ALLOW,
        IMPLICIT_DENY,
        EXPLICIT_DENY
    }

    /** A decision and the tail AWS puts on its AccessDenied message ("because no identity-based policy ..."). */
    record Outcome(Decision decision, String because) {
        boolean allowed() {
            return decision == Decision.ALLOW;
        }
    }

    /**
     * Who is asking, for matching a trust policy's Principal.
     *
     * @param arn the IAM ARN of the principal (a role's ARN with its path), as aws:PrincipalArn has it
     * @param sessionArn the assumed-role ARN of a role session, or null
     * @param service a service principal such as codebuild.amazonaws.com, or null
     */
    record Principal(String account, String arn, String sessionArn, String service) {}

    static Outcome identity(
            List<PolicyDocument> policies,
            PolicyDocument boundary,
            String action,
            String resource,
            Map<String, String> context) {
        Verdict identity = Verdict.NONE;
        for (PolicyDocument p : policies) {
            identity = identity.and(verdict(p, null, action, resource, context));
        }
        Verdict bounded = boundary == null ? Verdict.ALLOW : verdict(boundary, null, action, resource, context);
        if (identity == Verdict.DENY) {
            return new Outcome(Decision.EXPLICIT_DENY, "with an explicit deny in an identity-based policy");
        }
        if (bounded == Verdict.DENY) {
            return new Outcome(Decision.EXPLICIT_DENY, "with an explicit deny in a permissions boundary");
        }
        if (identity != Verdict.ALLOW) {
            return new Outcome(
                    Decision.IMPLICIT_DENY, "because no identity-based policy allows the " + action + " action");
        }
        if (bounded != Verdict.ALLOW) {
            return new Outcome(
                    Decision.IMPLICIT_DENY, "because no permissions boundary allows the " + action + " action");
        }
        return new Outcome(Decision.ALLOW, "");
    }

    /** A role's trust policy for sts:AssumeRole (or sts:SetSourceIdentity) by {@code caller}. */
    static Outcome trust(PolicyDocument trust, Principal caller, String action, Map<String, String> context) {
        return switch (verdict(trust, caller, action, null, context)) {
            case ALLOW -> new Outcome(Decision.ALLOW, "");
            case DENY -> new Outcome(Decision.EXPLICIT_DENY, "");
            case NONE -> new Outcome(Decision.IMPLICIT_DENY, "");
        };
    }

    /**
     * A KMS key policy, the primary control of a key (KMS Developer Guide, "Key policies"): an explicit Deny in it or
     * in {@code identity} wins; a statement naming the caller itself (its ARN, or "*") allows on its own; one naming
     * only the caller's account (its id or root ARN) delegates to IAM, so it allows only when {@code identity} allows
     * too. Without an allowing statement the call is denied, whatever IAM says.
     */
    static Outcome keyPolicy(
            PolicyDocument key,
            Principal caller,
            String action,
            String resource,
            Map<String, String> context,
            Outcome identity) {
        Principal itself = new Principal(null, caller.arn(), caller.sessionArn(), caller.service());
        boolean direct = false;
        boolean viaAccount = false;
        for (PolicyDocument.Statement s : key.statements()) {
            if (!s.appliesToAction(action) || !s.appliesToResource(resource) || !principalMatches(s, caller)) {
                continue;
            }
            Conditions.Result c = Conditions.evaluate(s.condition(), context);
            if (!s.allow() && c != Conditions.Result.NO_MATCH) {
                return new Outcome(Decision.EXPLICIT_DENY, "with an explicit deny in a resource-based policy");
            }
            if (s.allow() && c == Conditions.Result.MATCH) {
                if (principalMatches(s, itself)) {
                    direct = true;
                } else {
                    viaAccount = true;
                }
            }
        }
        if (identity.decision() == Decision.EXPLICIT_DENY) {
            return identity;
        }
        if (direct || (viaAccount && identity.allowed())) {
            return new Outcome(Decision.ALLOW, "");
        }
        return new Outcome(
                Decision.IMPLICIT_DENY,
                viaAccount ? identity.because() : "because no resource-based policy allows the " + action + " action");
    }

    private enum Verdict {
        NONE,
        ALLOW,
        DENY;

        Verdict and(Verdict other) {
            return this == DENY || other == DENY ? DENY : this == ALLOW || other == ALLOW ? ALLOW : NONE;
        }
    }

    /** One document: DENY if a Deny statement applies, else ALLOW if an Allow statement applies, else NONE. */
    private static Verdict verdict(
            PolicyDocument p, Principal caller, String action, String resource, Map<String, String> context) {
        Verdict v = Verdict.NONE;
        for (PolicyDocument.Statement s : p.statements()) {
            if (!s.appliesToAction(action)) {
                continue;
            }
            if (resource != null && !s.appliesToResource(resource)) {
                continue;
            }
            if (caller != null && !principalMatches(s, caller)) {
                continue;
            }
            Conditions.Result c = Conditions.evaluate(s.condition(), context);
            if (!s.allow() && c != Conditions.Result.NO_MATCH) {
                return Verdict.DENY; // fail closed: a Deny whose condition the stand-in cannot judge applies
            }
            if (s.allow() && c == Conditions.Result.MATCH) {
                v = Verdict.ALLOW; // an Allow whose condition it cannot judge does not
            }
        }
        return v;
    }

    private static boolean principalMatches(PolicyDocument.Statement s, Principal caller) {
        if (s.principal() != null) {
            return principalElement(s.principal(), caller);
        }
        return !principalElement(s.notPrincipal(), caller);
    }

    private static boolean principalElement(JsonNode element, Principal caller) {
        if (element.isTextual()) {
            return element.asText().equals("*");
        }
        for (String v : values(element.get("AWS"))) {
            if (v.equals("*") && caller.service() == null) {
                return true;
            }
            if (caller.account() != null
                    && caller.service() == null
                    && (v.equals(caller.account()) || v.matches("arn:[\\w-]+:iam::" + caller.account() + ":root"))) {
                return true; // the account: any principal of it (its own policies must allow the call too)
            }
            if (v.equals(caller.arn()) || (caller.sessionArn() != null && v.equals(caller.sessionArn()))) {
                return true;
            }
        }
        return caller.service() != null && values(element.get("Service")).contains(caller.service());
    }

    private static List<String> values(JsonNode node) {
        if (node == null) {
            return List.of();
        }
        if (node.isArray()) {
            return StreamSupport.stream(node.spliterator(), false)
                    .map(JsonNode::asText)
                    .toList();
        }
        return List.of(node.asText());
    }
}
