package io.jenkins.plugins.scpuppet.standin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * STS AssumeRole's own checks: the role must exist and its trust policy must let the caller's principal assume it
 * (sts:AssumeRole), and set a source identity when one is given (sts:SetSourceIdentity: IAM User Guide, "Monitor and
 * control actions taken with assumed roles", permissions required to set source identity; a trust policy such as the
 * one Organizations gives OrganizationAccountAccessRole, which allows only sts:AssumeRole, refuses a SourceIdentity).
 * A caller that is itself a role session is also evaluated against its own policies, as every session call is
 * ({@link RequestAuthorizer}).
 */
final class AssumeRoleAuthorizer {
    private final Iam iam;

    AssumeRoleAuthorizer(Iam iam) {
        this.iam = iam;
    }

    void authorize(Caller c, String roleArn, String sessionName, String sourceIdentity) {
        RoleSessions.Session session = iam.sessions().get(c.accessKeyId());
        PolicyEvaluator.Principal principal;
        String shownAs;
        Map<String, String> context = new LinkedHashMap<>();
        if (session != null) {
            principal =
                    new PolicyEvaluator.Principal(session.account(), session.roleArn(), session.assumedRoleArn(), null);
            shownAs = session.assumedRoleArn();
            if (session.sourceIdentity() != null) {
                context.put("aws:SourceIdentity", session.sourceIdentity());
            }
        } else {
            String arn = iam.callerPrincipal(c);
            String sessionArn = Iam.sessionArnOf(arn);
            principal = new PolicyEvaluator.Principal(c.accountId(), arn, sessionArn, null);
            shownAs = sessionArn != null ? sessionArn : arn;
        }
        context.put("aws:PrincipalArn", principal.arn());
        context.put("aws:PrincipalAccount", principal.account());
        context.put("aws:RequestedRegion", c.region());
        context.put("sts:RoleSessionName", sessionName);
        if (sourceIdentity != null) {
            context.put("sts:SourceIdentity", sourceIdentity);
        }
        IamRoles.Role role = iam.roles().role(roleArn);
        if (role == null && !iam.enforcing()) {
            return;
        }
        check(role, principal, shownAs, "sts:AssumeRole", roleArn, c.region(), context);
        if (sourceIdentity != null) {
            check(role, principal, shownAs, "sts:SetSourceIdentity", roleArn, c.region(), context);
        }
    }

    private void check(
            IamRoles.Role role,
            PolicyEvaluator.Principal principal,
            String shownAs,
            String action,
            String roleArn,
            String region,
            Map<String, String> context) {
        boolean allowed = role != null
                && PolicyEvaluator.trust(role.trust(), principal, action, context)
                        .allowed();
        String account = roleArn.split(":").length > 4 ? roleArn.split(":")[4] : "";
        iam.recorder()
                .record(new IamDecision(
                        principal.arn(),
                        action,
                        roleArn,
                        account,
                        region,
                        "trust",
                        Collections.unmodifiableMap(new LinkedHashMap<>(context)),
                        allowed ? "Allow" : "Deny"));
        if (!allowed && iam.enforcing()) {
            throw new AwsError(
                    "AccessDenied",
                    "User: " + shownAs + " is not authorized to perform: " + action + " on resource: " + roleArn,
                    403);
        }
    }
}
