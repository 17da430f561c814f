package io.jenkins.plugins.scpuppet.manifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves accounts (OUs, exclusions, append/overwrite, macros) and turns every item's deploy_to into a list of
 * (account, region) targets, as upstream's expand and get_task_defs_from_details do. Unlike upstream, a pair that
 * two targets select twice is listed once.
 */
public final class Expander {
    private final AccountResolver resolver;
    private final Problems problems = new Problems();

    public Expander(AccountResolver resolver) {
        this.resolver = resolver;
    }

    public ExpandedManifest expand(Manifest m, ExpansionOptions options) throws ManifestException {
        List<ExpandedAccount> accounts = accounts(m);
        Map<String, ParameterSource> manifestParams = macros(m.parameters());
        Map<String, List<Target>> launches = new LinkedHashMap<>();
        m.launches()
                .values()
                .forEach(l -> launches.put(
                        l.name(),
                        targets(
                                "launches." + l.name(),
                                l.deployTo(),
                                accounts,
                                options,
                                manifestParams,
                                l.parameters())));
        Map<String, List<Target>> spokeLocal = new LinkedHashMap<>();
        m.spokeLocalPortfolios()
                .values()
                .forEach(s -> spokeLocal.put(
                        s.name(),
                        targets(
                                "spoke-local-portfolios." + s.name(),
                                s.deployTo(),
                                accounts,
                                options,
                                manifestParams,
                                Map.of())));
        Map<String, List<Target>> lambdas = new LinkedHashMap<>();
        m.lambdaInvocations()
                .values()
                .forEach(l -> lambdas.put(
                        l.name(),
                        targets(
                                "lambda-invocations." + l.name(),
                                l.invokeFor(),
                                accounts,
                                options,
                                manifestParams,
                                l.parameters())));
        problems.throwIfAny();
        List<Problem> warnings = new ArrayList<>(m.warnings());
        warnings.addAll(problems.warnings());
        return new ExpandedManifest(
                m, options, accounts, launches, spokeLocal, lambdas, manifestParams, List.copyOf(warnings));
    }

    private List<ExpandedAccount> accounts(Manifest m) throws ManifestException {
        Map<String, ExpandedAccount> byId = new LinkedHashMap<>();
        for (Account entry : m.accounts()) {
            for (ExpandedAccount candidate : resolve(entry)) {
                ExpandedAccount existing = byId.get(candidate.accountId());
                if (existing == null) {
                    if (entry.append() != null || entry.overwrite() != null) {
                        problems.error(
                                entry.mark(),
                                entry.path(),
                                "account " + candidate.accountId()
                                        + " uses append/overwrite, but no earlier entry defines it; list it plainly first");
                        continue;
                    }
                    byId.put(candidate.accountId(), candidate);
                } else {
                    byId.put(candidate.accountId(), merge(existing, entry, candidate));
                }
            }
        }
        return List.copyOf(byId.values());
    }

    private List<ExpandedAccount> resolve(Account a) throws ManifestException {
        Map<String, ParameterSource> params = macros(a.parameters());
        if (a.accountId() != null) {
            return List.of(new ExpandedAccount(
                    a.accountId(),
                    a.name(),
                    a.email(),
                    a.defaultRegion(),
                    a.regionsEnabled(),
                    a.tags(),
                    params,
                    null,
                    null));
        }
        Set<String> excluded = new LinkedHashSet<>(a.excludeAccounts());
        for (String ou : a.excludeOus()) {
            resolver.accountsUnder(ou).forEach(x -> excluded.add(x.id()));
        }
        List<ExpandedAccount> out = new ArrayList<>();
        for (AccountResolver.OrgAccount org : resolver.accountsUnder(a.ou())) {
            if (org.active() && !excluded.contains(org.id())) {
                out.add(new ExpandedAccount(
                        org.id(),
                        org.name() != null ? org.name() : a.name(),
                        org.email(),
                        a.defaultRegion(),
                        a.regionsEnabled(),
                        a.tags(),
                        params,
                        a.ou(),
                        org.organizationId()));
            }
        }
        return out;
    }

    private static ExpandedAccount merge(ExpandedAccount base, Account entry, ExpandedAccount later) {
        List<String> tags = new ArrayList<>(base.tags());
        List<String> regions = new ArrayList<>(base.regionsEnabled());
        String defaultRegion = base.defaultRegion();
        if (entry.append() != null) {
            tags.addAll(entry.append().tags());
            regions.addAll(entry.append().regionsEnabled());
        } else if (entry.overwrite() != null) {
            Account.Changes o = entry.overwrite();
            tags = o.tags().isEmpty() ? tags : new ArrayList<>(o.tags());
            regions = o.regionsEnabled().isEmpty() ? regions : new ArrayList<>(o.regionsEnabled());
            defaultRegion = o.defaultRegion() != null ? o.defaultRegion() : defaultRegion;
        }
        Map<String, ParameterSource> params = new LinkedHashMap<>(base.parameters());
        params.putAll(later.parameters());
        return new ExpandedAccount(
                base.accountId(),
                later.name() != null ? later.name() : base.name(),
                later.email() != null ? later.email() : base.email(),
                defaultRegion,
                List.copyOf(new LinkedHashSet<>(regions)),
                List.copyOf(new LinkedHashSet<>(tags)),
                params,
                base.expandedFrom(),
                base.organization());
    }

    /** Upstream's one macro: get_accounts_for_path gives the comma-separated ids of the active accounts under a path. */
    private Map<String, ParameterSource> macros(Map<String, ParameterSource> params) throws ManifestException {
        Map<String, ParameterSource> out = new LinkedHashMap<>();
        for (Map.Entry<String, ParameterSource> e : params.entrySet()) {
            if (e.getValue() instanceof ParameterSource.Macro macro) {
                List<String> ids = resolver.accountsUnder(macro.args()).stream()
                        .filter(AccountResolver.OrgAccount::active)
                        .map(AccountResolver.OrgAccount::id)
                        .toList();
                out.put(e.getKey(), new ParameterSource.Default(String.join(",", ids)));
            } else {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private List<Target> targets(
            String path,
            DeployTo deployTo,
            List<ExpandedAccount> accounts,
            ExpansionOptions options,
            Map<String, ParameterSource> manifestParams,
            Map<String, ParameterSource> itemParams) {
        Map<String, Target> out = new LinkedHashMap<>();
        for (DeployTo.TagTarget t : deployTo.tags()) {
            for (ExpandedAccount a : accounts) {
                if (a.tags().contains(t.tag())) {
                    add(out, t.path(), t.mark(), a, t.regions(), options, manifestParams, itemParams);
                }
            }
        }
        for (DeployTo.AccountTarget t : deployTo.accounts()) {
            for (ExpandedAccount a : accounts) {
                if (a.accountId().equals(t.accountId())) {
                    add(out, t.path(), t.mark(), a, t.regions(), options, manifestParams, itemParams);
                }
            }
        }
        return List.copyOf(out.values());
    }

    private void add(
            Map<String, Target> out,
            String path,
            Mark mark,
            ExpandedAccount a,
            RegionSelector selector,
            ExpansionOptions options,
            Map<String, ParameterSource> manifestParams,
            Map<String, ParameterSource> itemParams) {
        List<String> regions = selector.select(a, options.allRegions());
        if (regions.isEmpty()) {
            problems.warn(
                    mark,
                    path + ".regions",
                    "account " + a.accountId() + " " + selector.whyEmpty() + ", so nothing deploys there");
        }
        Map<String, ParameterSource> params = new LinkedHashMap<>(manifestParams);
        params.putAll(itemParams);
        params.putAll(a.parameters());
        for (String region : regions) {
            out.putIfAbsent(a.accountId() + "/" + region, new Target(a.accountId(), region, Map.copyOf(params)));
        }
    }
}
