package io.jenkins.plugins.scpuppet.manifest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An in-memory organization: OU ids and paths mapped to their accounts. For tests and offline inspection. */
public final class StaticAccountResolver implements AccountResolver {
    private final Map<String, List<OrgAccount>> accounts = new LinkedHashMap<>();

    public StaticAccountResolver add(String ouIdOrPath, List<OrgAccount> under) {
        accounts.put(ouIdOrPath, List.copyOf(under));
        return this;
    }

    @Override
    public List<OrgAccount> accountsUnder(String ouIdOrPath) throws ManifestException {
        List<OrgAccount> found = accounts.get(ouIdOrPath);
        if (found == null) {
            throw new ManifestException(new Problem(
                    null,
                    "",
                    "organizational unit '" + ouIdOrPath + "' not found; known: " + accounts.keySet(),
                    Problem.Severity.ERROR));
        }
        return found;
    }
}
