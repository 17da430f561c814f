package io.jenkins.plugins.scpuppet.manifest;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses one entry of {@code accounts}: an account id or an OU, its regions, tags and parameters. */
final class AccountParser {
    private static final Set<String> KEYS = Set.of(
            "account_id",
            "ou",
            "name",
            "email",
            "default_region",
            "regions_enabled",
            "enabled",
            "enabled_regions",
            "tags",
            "parameters",
            "exclude",
            "append",
            "overwrite",
            "expanded_from",
            "organization");

    private AccountParser() {}

    static Account parse(Cursor c) {
        if (!c.onlyKnownKeys(KEYS)) {
            return null;
        }
        String accountId = c.string("account_id", false);
        String ou = c.string("ou", false);
        if ((accountId == null) == (ou == null)) {
            c.error("give exactly one of account_id or ou");
        }
        if (accountId != null && !accountId.matches("\\d{12}")) {
            c.child("account_id")
                    .error("an account id is 12 digits, got '" + accountId + "'; quote it so YAML keeps leading zeros");
        }
        if (ou != null && !ou.matches("/|(/[^/]{1,250})+|ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32}")) {
            c.child("ou")
                    .error("expected an OU id (ou-xxxx-xxxxxxxx), a root id (r-xxxx) or a path such as"
                            + " /workloads/prod, got '" + ou + "'");
        }
        Account.Changes append = c.has("append") ? changes(c.child("append"), false) : null;
        Account.Changes overwrite = c.has("overwrite") ? changes(c.child("overwrite"), true) : null;
        List<String> regions = regionsEnabled(c);
        if ((append != null || overwrite != null) && (c.has("default_region") || !regions.isEmpty() || c.has("tags"))) {
            c.error("with append or overwrite, put default_region, regions_enabled and tags inside that block");
        }
        if (append == null && overwrite == null && !c.has("default_region")) {
            c.error("missing required key 'default_region'");
        }
        List<String> excludeAccounts = List.of();
        List<String> excludeOus = List.of();
        if (c.has("exclude")) {
            Cursor ex = c.child("exclude");
            if (ou == null) {
                ex.error("exclude applies only to ou entries");
            }
            if (ex.onlyKnownKeys(Set.of("accounts", "ous"))) {
                excludeAccounts = ex.strings("accounts");
                excludeOus = ex.strings("ous");
            }
        }
        return new Account(
                accountId,
                ou,
                c.string("name", false),
                c.string("email", false),
                c.string("default_region", false),
                regions,
                c.strings("tags"),
                c.has("parameters") ? ParameterParser.parse(c.child("parameters")) : Map.of(),
                excludeAccounts,
                excludeOus,
                append,
                overwrite,
                c.path,
                c.mark());
    }

    private static List<String> regionsEnabled(Cursor c) {
        List<String> keys = List.of("regions_enabled", "enabled", "enabled_regions").stream()
                .filter(c::has)
                .toList();
        if (keys.size() > 1) {
            c.error("use one of regions_enabled, enabled, enabled_regions (they are synonyms), not " + keys);
        }
        return keys.isEmpty() ? List.of() : c.strings(keys.get(0));
    }

    private static Account.Changes changes(Cursor c, boolean overwrite) {
        Set<String> known =
                overwrite ? Set.of("tags", "regions_enabled", "default_region") : Set.of("tags", "regions_enabled");
        if (!c.onlyKnownKeys(known)) {
            return null;
        }
        return new Account.Changes(
                c.strings("tags"), c.strings("regions_enabled"), overwrite ? c.string("default_region", false) : null);
    }
}
