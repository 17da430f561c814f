package io.jenkins.plugins.scpuppet.standin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stand-in's IAM: roles and managed policies from the stacks it holds (and from this test API), role sessions
 * from AssumeRole, the evaluation of every call made with a session's credentials, and the record of those decisions
 * for an independent judge. Enforcement is on unless turned off; off, decisions are still recorded where a role is
 * known, but nothing is refused.
 */
public final class Iam {
    public static final String ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";
    /** The role AWS Organizations creates in the accounts it creates, trusted by the management account. */
    public static final String ORGANIZATION_ACCESS_ROLE = "OrganizationAccountAccessRole";
    /** Decision 4: the caller's own keys stand for the Jenkins agent's role in their account. */
    static final String CALLER_ROLE = "servicecatalog-puppet/jenkins-agent";

    private volatile boolean enforcing = true;
    private final IamRoles roles = new IamRoles();
    private final RoleSessions sessions = new RoleSessions();
    private final CallRecorder recorder = new CallRecorder();
    private final CallerProvisioning provisioning;
    private final Map<String, String> callerPrincipals = new ConcurrentHashMap<>();

    Iam(ServiceCatalogService serviceCatalog) {
        this.provisioning = new CallerProvisioning(serviceCatalog, roles);
    }

    public boolean enforcing() {
        return enforcing;
    }

    /** Turns enforcement on or off (on by default). */
    public Iam enforce(boolean on) {
        this.enforcing = on;
        return this;
    }

    /** A customer managed policy, for a permission boundary or a ManagedPolicyArns entry. */
    public Iam putManagedPolicy(String arn, String document) {
        roles.putManagedPolicy(arn, PolicyDocument.parse(document, PolicyDocument.Kind.IDENTITY));
        return this;
    }

    /** A role made outside CloudFormation; {@code path} as IAM has it ("/" or "/a/b/"). */
    public Iam putRole(
            String account,
            String path,
            String name,
            String trust,
            Map<String, String> inline,
            List<String> managedArns,
            String boundaryArn) {
        roles.putRole(new IamRoles.Role(
                account,
                name,
                path,
                PolicyDocument.parse(trust, PolicyDocument.Kind.TRUST),
                parsed(inline),
                List.copyOf(managedArns),
                boundaryArn,
                "api"));
        return this;
    }

    /** Replaces a role's inline and attached managed policies (trust and boundary stay). */
    public Iam setRolePolicies(String account, String roleName, Map<String, String> inline, List<String> managedArns) {
        roles.setPolicies(account, roleName, parsed(inline), managedArns);
        return this;
    }

    /** The ARN of a role, or null if the account has no role of that name. */
    public String roleArn(String account, String roleName) {
        IamRoles.Role r = roles.role(account, roleName);
        return r == null ? null : r.arn();
    }

    /** Which principal the caller's own access key stands for (default: the Jenkins agent's role, decision 4). */
    public Iam callerPrincipal(String accessKeyId, String principalArn) {
        callerPrincipals.put(accessKeyId, principalArn);
        return this;
    }

    /** A launch-role constraint made outside CloudFormation (seeding). */
    public Iam launchConstraint(String account, String region, String portfolioId, String productId, String roleArn) {
        provisioning.launchConstraint(new StackIam.LaunchConstraint(account, region, portfolioId, productId, roleArn));
        return this;
    }

    /** What a product's template does, per operation, in place of the default VPC template's actions. */
    public Iam templateActions(
            String productName, List<String> provision, List<String> update, List<String> terminate) {
        provisioning.templateActions(productName, new CallerProvisioning.TemplateActions(provision, update, terminate));
        return this;
    }

    /** The decisions recorded so far, each distinct one once. */
    public List<IamDecision> decisions() {
        return recorder.calls();
    }

    /** Writes the recording (calls.jsonl, stacks/ACCOUNT/REGION/NAME.json) into {@code dir}. */
    public void writeRecording(Path dir) throws IOException {
        recorder.write(dir);
    }

    // ---- for the stand-in ----------------------------------------------------------------------------------------

    IamRoles roles() {
        return roles;
    }

    RoleSessions sessions() {
        return sessions;
    }

    CallRecorder recorder() {
        return recorder;
    }

    CallerProvisioning provisioning() {
        return provisioning;
    }

    /** The IAM principal a call signed with the caller's own keys comes from. */
    String callerPrincipal(Caller c) {
        String arn = callerPrincipals.get(c.accessKeyId());
        return arn != null ? arn : "arn:aws:iam::" + c.accountId() + ":role/" + CALLER_ROLE;
    }

    /** A role principal's session ARN as GetCallerIdentity shows it (session "sandbox"); null for other principals. */
    static String sessionArnOf(String principalArn) {
        String[] parts = principalArn.split(":", 6);
        if (parts.length < 6 || !parts[5].startsWith("role/")) {
            return null;
        }
        return "arn:aws:sts::" + parts[4] + ":assumed-role/" + parts[5].substring(parts[5].lastIndexOf('/') + 1)
                + "/sandbox";
    }

    /** What GetCallerIdentity answers as Arn. */
    String callerIdentityArn(Caller c) {
        RoleSessions.Session s = sessions.get(c.accessKeyId());
        if (s != null) {
            return s.assumedRoleArn();
        }
        String principal = callerPrincipal(c);
        String session = sessionArnOf(principal);
        return session != null ? session : principal;
    }

    void sessionStarted(String accessKeyId, String roleArn, String sessionName, String sourceIdentity) {
        String[] parts = roleArn.split(":", 6);
        sessions.put(
                accessKeyId,
                new RoleSessions.Session(
                        parts[4],
                        parts[5].substring(parts[5].lastIndexOf('/') + 1),
                        roleArn,
                        sessionName,
                        sourceIdentity));
    }

    /** Keeps the roles, policies and constraints of every stack in step with its template, and records the template. */
    CloudFormationService.StackListener stackListener() {
        return new CloudFormationService.StackListener() {
            @Override
            public void templateSet(
                    Caller c,
                    String name,
                    String id,
                    String template,
                    Map<String, String> params,
                    List<String> capabilities) {
                String needed = StackIam.requiredCapability(template);
                boolean covered = capabilities.contains(needed)
                        || (needed != null && capabilities.contains("CAPABILITY_NAMED_IAM"));
                if (needed != null && !covered) {
                    throw new AwsError("InsufficientCapabilitiesException", "Requires capabilities : [" + needed + "]");
                }
                String key = c.accountId() + "/" + c.region() + "/" + name;
                roles.putStack(key, StackIam.read(c.accountId(), c.region(), name, id, key, template, params));
                recorder.stack(c.accountId(), c.region(), name, template);
            }

            @Override
            public void deleted(Caller c, String name) {
                roles.removeStack(c.accountId() + "/" + c.region() + "/" + name);
                recorder.stack(c.accountId(), c.region(), name, null);
            }
        };
    }

    /** An account AWS Organizations created: it holds OrganizationAccountAccessRole, trusted by the management account. */
    void organizationAccount(String account, String managementAccount) {
        if (roles.role(account, ORGANIZATION_ACCESS_ROLE) != null) {
            return;
        }
        putRole(
                account,
                "/",
                ORGANIZATION_ACCESS_ROLE,
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                        + "\"arn:aws:iam::" + managementAccount + ":root\"},\"Action\":\"sts:AssumeRole\"}]}",
                Map.of(),
                List.of(ADMINISTRATOR_ACCESS),
                null);
    }

    private static Map<String, PolicyDocument> parsed(Map<String, String> documents) {
        Map<String, PolicyDocument> out = new LinkedHashMap<>();
        documents.forEach((k, v) -> out.put(k, PolicyDocument.parse(v, PolicyDocument.Kind.IDENTITY)));
        return Collections.unmodifiableMap(out);
    }
}
