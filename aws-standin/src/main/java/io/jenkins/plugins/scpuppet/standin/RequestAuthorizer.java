package io.jenkins.plugins.scpuppet.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates every request signed with role-session credentials before the service handles it: action
 * {@code <signing name>:<operation>} (Lambda's Invoke is lambda:InvokeFunction) on the resource {@link ResourceArns}
 * computes, against the session's role as it is now. Calls signed with the caller's own keys are not evaluated (they
 * stand for the Jenkins agent, whose policies are not the product's). A denial answers in the service's own protocol.
 */
final class RequestAuthorizer {
    /** How each protocol says AccessDenied, and how it says an unknown session token. */
    enum Protocol {
        JSON("AccessDeniedException", 400, "UnrecognizedClientException", 400),
        QUERY("AccessDenied", 403, "InvalidClientTokenId", 403),
        REST_JSON("AccessDeniedException", 403, "UnrecognizedClientException", 403);

        final String deniedCode;
        final int deniedStatus;
        final String badTokenCode;
        final int badTokenStatus;

        Protocol(String deniedCode, int deniedStatus, String badTokenCode, int badTokenStatus) {
            this.deniedCode = deniedCode;
            this.deniedStatus = deniedStatus;
            this.badTokenCode = badTokenCode;
            this.badTokenStatus = badTokenStatus;
        }
    }

    private final Iam iam;
    private final ResourceArns arns;

    RequestAuthorizer(Iam iam, ResourceArns arns) {
        this.iam = iam;
        this.arns = arns;
    }

    void json(Caller c, String operation, JsonNode in) {
        if (c.service().equals("kms") && !operation.equals("CreateKey")) {
            return; // a key's own policy decides, see kms(); CreateKey has no key yet and is IAM's alone
        }
        RoleSessions.Session s = session(c, Protocol.JSON);
        if (s == null) {
            return;
        }
        check(c, s, Protocol.JSON, c.service() + ":" + operation, arns.json(c, c.service(), operation, in));
        for (String action : iam.provisioning().actionsAsCaller(c, operation, in)) {
            check(c, s, Protocol.JSON, action, "*"); // what Service Catalog does as the caller (no launch role)
        }
    }

    void query(Caller c, String action, Map<String, String> params) {
        if (c.service().equals("sts") && action.equals("GetCallerIdentity")) {
            return; // needs no permission (STS API reference)
        }
        RoleSessions.Session s = session(c, Protocol.QUERY);
        if (s == null) {
            return;
        }
        String resource = arns.query(c, c.service(), action, params);
        check(c, s, Protocol.QUERY, c.service() + ":" + action, resource);
        if (action.equals("AssumeRole") && params.containsKey("SourceIdentity")) {
            check(c, s, Protocol.QUERY, "sts:SetSourceIdentity", resource); // a chained session needs it too
        }
    }

    void lambda(Caller c, String function) {
        RoleSessions.Session s = session(c, Protocol.REST_JSON);
        if (s != null) {
            check(c, s, Protocol.REST_JSON, "lambda:InvokeFunction", ResourceArns.lambda(c, function));
        }
    }

    /**
     * A call on a KMS key, judged by its key policy ({@link PolicyEvaluator#keyPolicy}) for the caller: a role session
     * as its role, the caller's own keys as the principal they stand for ({@link Iam#callerPrincipal(Caller)}). The key
     * policy is always enforced; the IAM half it may delegate to is judged as the rest of the stand-in judges it (a
     * session's role when enforcing; the caller's own keys are not evaluated).
     */
    void kms(Caller c, String action, String keyArn, PolicyDocument keyPolicy) {
        RoleSessions.Session s = session(c, Protocol.JSON);
        String account = s != null ? s.account() : c.accountId();
        String principal = s != null ? s.roleArn() : iam.callerPrincipal(c);
        Map<String, String> context = new LinkedHashMap<>();
        context.put("aws:PrincipalArn", principal);
        context.put("aws:PrincipalAccount", account);
        context.put("aws:RequestedRegion", c.region());
        if (s != null && s.sourceIdentity() != null) {
            context.put("aws:SourceIdentity", s.sourceIdentity());
        }
        PolicyEvaluator.Outcome identity = new PolicyEvaluator.Outcome(PolicyEvaluator.Decision.ALLOW, "");
        if (s != null && iam.enforcing()) {
            IamRoles.Permissions p = iam.roles().permissions(s.account(), s.roleName());
            identity = p == null
                    ? PolicyEvaluator.identity(List.of(), null, action, keyArn, context)
                    : PolicyEvaluator.identity(p.identity(), p.boundary(), action, keyArn, context);
        }
        PolicyEvaluator.Outcome outcome = PolicyEvaluator.keyPolicy(
                keyPolicy,
                new PolicyEvaluator.Principal(account, principal, s == null ? null : s.assumedRoleArn(), null),
                action,
                keyArn,
                context,
                identity);
        if (!outcome.allowed()) {
            String who = s != null ? s.assumedRoleArn() : iam.callerIdentityArn(c);
            throw new AwsError(
                    Protocol.JSON.deniedCode,
                    "User: " + who + " is not authorized to perform: " + action + " on resource: " + keyArn + " "
                            + outcome.because(),
                    Protocol.JSON.deniedStatus);
        }
    }

    /** The role session the request is signed with; null for the caller's own keys. */
    private RoleSessions.Session session(Caller c, Protocol protocol) {
        RoleSessions.Session s = iam.sessions().get(c.accessKeyId());
        if (s == null && iam.enforcing() && c.accessKeyId().startsWith("ASIA")) {
            throw new AwsError(
                    protocol.badTokenCode,
                    "The security token included in the request is invalid.",
                    protocol.badTokenStatus);
        }
        return s;
    }

    private void check(Caller c, RoleSessions.Session s, Protocol protocol, String action, String resource) {
        IamRoles.Permissions p = iam.roles().permissions(s.account(), s.roleName());
        if (p == null && !iam.enforcing()) {
            return; // a session of a role the stand-in never knew: nothing to judge
        }
        Map<String, String> context = new LinkedHashMap<>();
        context.put("aws:PrincipalArn", s.roleArn());
        context.put("aws:PrincipalAccount", s.account());
        context.put("aws:RequestedRegion", c.region());
        if (s.sourceIdentity() != null) {
            context.put("aws:SourceIdentity", s.sourceIdentity());
        }
        PolicyEvaluator.Outcome outcome = p == null
                ? PolicyEvaluator.identity(List.of(), null, action, resource, context) // the role was deleted
                : PolicyEvaluator.identity(p.identity(), p.boundary(), action, resource, context);
        iam.recorder()
                .record(new IamDecision(
                        s.roleArn(),
                        action,
                        resource,
                        s.account(),
                        c.region(),
                        "identity",
                        Collections.unmodifiableMap(new LinkedHashMap<>(context)),
                        outcome.allowed() ? "Allow" : "Deny"));
        if (!outcome.allowed() && iam.enforcing()) {
            throw new AwsError(
                    protocol.deniedCode,
                    "User: " + s.assumedRoleArn() + " is not authorized to perform: " + action + " on resource: "
                            + resource + " " + outcome.because(),
                    protocol.deniedStatus);
        }
    }
}
