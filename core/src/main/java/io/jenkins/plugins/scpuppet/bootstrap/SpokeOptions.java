package io.jenkins.plugins.scpuppet.bootstrap;

import java.io.Serializable;
import java.util.List;

/**
 * What the spoke stack holds besides the PuppetRole's fixed name and path.
 *
 * @param permissionBoundary a managed policy ARN that caps the PuppetRole; null for none
 * @param deployInSpoke also the CodeBuild project execution: spoke starts, and its role
 * @param hubPrincipals the hub principal ARNs (wildcards allowed) the PuppetRole trusts; empty for the default,
 *     every role under the hub's {@code /servicecatalog-puppet/} path
 */
public record SpokeOptions(String permissionBoundary, boolean deployInSpoke, List<String> hubPrincipals)
        implements Serializable { // it travels to the Jenkins agent inside puppetBootstrap's callable
    public static final SpokeOptions DEFAULT = new SpokeOptions(null, false, List.of());

    public SpokeOptions {
        hubPrincipals = List.copyOf(hubPrincipals == null ? List.of() : hubPrincipals);
    }
}
