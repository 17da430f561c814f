package io.jenkins.plugins.scpuppet.bootstrap;

import java.io.Serializable;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the spoke stack makes the PuppetRole (and whether it adds the deploy-in-spoke project).
 * puppetBootstrap's execution keeps it in program.dat, so its components are fixed: River reads a record with the
 * components of the class loaded now, and one added makes a program.dat written before unreadable
 * (ProgramDatFromEarlierVersionsTest in plugin-check). A setting added later goes on the step's execution.
 *
 * @param leastPrivilege an inline policy of {@link PuppetRolePermissions} instead of AdministratorAccess
 * @param permissionBoundary a managed policy ARN that caps the PuppetRole; null for none
 * @param hubPrincipals the hub principal ARNs (wildcards allowed) the PuppetRole trusts; empty for the default,
 *     every role under the hub's {@code /servicecatalog-puppet/} path
 * @param deployInSpoke also the CodeBuild project execution: spoke starts, and its role
 */
public record SpokeOptions(
        boolean leastPrivilege, String permissionBoundary, List<String> hubPrincipals, boolean deployInSpoke)
        implements Serializable { // it travels to the Jenkins agent inside puppetBootstrap's callable
    public static final SpokeOptions DEFAULT = new SpokeOptions(false, null, List.of(), false);
    static final String LEAST_PRIVILEGE_WITH_DEPLOY_IN_SPOKE =
            "least privilege and deploy-in-spoke do not go together: the deploy-in-spoke build runs upstream's"
                    + " servicecatalog-puppet as the PuppetRole, and the least-privilege policy lists only the calls"
                    + " this product makes; bootstrap spokes that use execution: spoke without --least-privilege";

    public SpokeOptions {
        hubPrincipals = List.copyOf(hubPrincipals == null ? List.of() : hubPrincipals);
        if (permissionBoundary != null && permissionBoundary.isBlank()) {
            permissionBoundary = null;
        }
        if (leastPrivilege && deployInSpoke) {
            throw new IllegalArgumentException(LEAST_PRIVILEGE_WITH_DEPLOY_IN_SPOKE);
        }
    }

    /**
     * What is wrong with a hub principal ARN, or null when nothing is (for callers that report usage errors). The
     * trust's principal is the hub account, so a principal of another account could never assume the role.
     *
     * @param puppetAccount the hub account, or null when it is not known yet
     */
    public static String hubPrincipalProblem(String arn, String puppetAccount) {
        Matcher m = Pattern.compile("arn:aws[a-z-]*:(iam|sts)::(\\d{12}):.+").matcher(arn == null ? "" : arn);
        if (!m.matches()) {
            return arn + " is not an IAM principal ARN such as arn:aws:iam::111111111111:role/servicecatalog-puppet/*";
        }
        if (puppetAccount != null && !m.group(2).equals(puppetAccount)) {
            return arn + " is not in the puppet account " + puppetAccount
                    + ": the PuppetRole trusts only principals of the hub account";
        }
        return null;
    }

    /** Why these options cannot be used together, or null when they can (for callers that report usage errors). */
    public static String conflict(boolean leastPrivilege, boolean deployInSpoke) {
        return leastPrivilege && deployInSpoke ? LEAST_PRIVILEGE_WITH_DEPLOY_IN_SPOKE : null;
    }
}
