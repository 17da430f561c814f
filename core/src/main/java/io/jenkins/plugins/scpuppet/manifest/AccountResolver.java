package io.jenkins.plugins.scpuppet.manifest;

import java.util.List;

/** Resolves {@code ou:} account entries. The AWS Organizations implementation lives in the aws package. */
public interface AccountResolver {

    /** An account as Organizations describes it. */
    record OrgAccount(String id, String name, String email, boolean active, String organizationId) {}

    /**
     * Accounts anywhere below an OU, given as an id ({@code ou-...}, {@code r-...}) or a path ({@code /workloads}).
     *
     * @throws ManifestException when the OU or path does not exist
     */
    List<OrgAccount> accountsUnder(String ouIdOrPath) throws ManifestException;

    /** For manifests that list account ids only: any ou entry is an error. */
    AccountResolver NONE = ou -> {
        throw new ManifestException(new Problem(
                null,
                "",
                "cannot resolve ou '" + ou + "': no AWS Organizations access is configured here",
                Problem.Severity.ERROR));
    };
}
