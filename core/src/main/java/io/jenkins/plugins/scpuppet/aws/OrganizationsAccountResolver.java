package io.jenkins.plugins.scpuppet.aws;

import io.jenkins.plugins.scpuppet.manifest.AccountResolver;
import io.jenkins.plugins.scpuppet.manifest.Manifest;
import io.jenkins.plugins.scpuppet.manifest.ManifestException;
import io.jenkins.plugins.scpuppet.manifest.Problem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.OrganizationalUnit;

/** Resolves {@code ou:} entries (an OU id, a root id or a /path) to the accounts below them, recursively. */
public final class OrganizationsAccountResolver implements AccountResolver {
    private final OrganizationsClient org;

    public OrganizationsAccountResolver(OrganizationsClient org) {
        this.org = org;
    }

    /** The resolver a manifest needs: Organizations when it has ou entries, none otherwise (no AWS call). */
    public static AccountResolver forManifest(Manifest manifest, AwsClients clients, String region) {
        return manifest.accounts().stream().anyMatch(a -> a.ou() != null)
                ? new OrganizationsAccountResolver(clients.organizations(region))
                : AccountResolver.NONE;
    }

    @Override
    public List<OrgAccount> accountsUnder(String ouIdOrPath) throws ManifestException {
        try {
            String start = ouIdOrPath.startsWith("/") ? ouForPath(ouIdOrPath) : ouIdOrPath;
            String orgId = org.describeOrganization().organization().id();
            List<OrgAccount> out = new ArrayList<>();
            ArrayDeque<String> todo = new ArrayDeque<>(List.of(start));
            while (!todo.isEmpty()) {
                String parent = todo.pop();
                org.listAccountsForParentPaginator(r -> r.parentId(parent)).stream()
                        .flatMap(page -> page.accounts().stream())
                        .forEach(a -> out.add(new OrgAccount(
                                a.id(), a.name(), a.email(), "ACTIVE".equals(a.statusAsString()), orgId)));
                org.listOrganizationalUnitsForParentPaginator(r -> r.parentId(parent)).stream()
                        .flatMap(page -> page.organizationalUnits().stream())
                        .forEach(ou -> todo.add(ou.id()));
            }
            return out;
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw new ManifestException(new Problem(
                    null,
                    "",
                    "cannot resolve ou '" + ouIdOrPath + "' with AWS Organizations: " + e.getMessage(),
                    Problem.Severity.ERROR));
        }
    }

    private String ouForPath(String path) throws ManifestException {
        String current = org.listRoots().roots().get(0).id();
        for (String name : path.substring(1).split("/")) {
            if (name.isEmpty()) {
                continue;
            }
            String parent = current;
            current = org.listOrganizationalUnitsForParentPaginator(r -> r.parentId(parent)).stream()
                    .flatMap(page -> page.organizationalUnits().stream())
                    .filter(ou -> name.equals(ou.name()))
                    .map(OrganizationalUnit::id)
                    .findFirst()
                    .orElse(null);
            if (current == null) {
                throw new ManifestException(new Problem(
                        null, "", "no organizational unit '" + name + "' in path " + path, Problem.Severity.ERROR));
            }
        }
        return current;
    }
}
